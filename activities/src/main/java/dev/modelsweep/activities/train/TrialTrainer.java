package dev.modelsweep.activities.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.modelsweep.activities.DivergedException;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.OutOfMemoryException;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.spec.FinetuneSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.TrainingSpec;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one trial with checkpoints and resume; knows nothing of Temporal.
 *
 * <p>A call trains from the newest intact checkpoint (or from scratch) up to {@code untilEpoch}
 * (default: all {@code training.epochs}), then writes the final weights to {@link
 * ArtifactLayout#modelFile} and the metrics to {@code history.json}. If the newest checkpoint
 * already reaches that epoch it returns at once. Checkpoints are written every {@code
 * training.checkpointEvery} epochs and after the call's last epoch; the newest two are kept.
 *
 * <p>Per epoch: shuffle the train split with {@code Random(seed, epoch)}, reseed dropout from
 * (seed, epoch), run mini-batch updates (softmax cross-entropy; learning rate from the schedule at
 * (epoch, step), which always spans all {@code training.epochs}), then score the validation
 * split. A trailing batch of one row is merged into the one before, since batch norm cannot
 * normalise a single row. A NaN or infinite loss throws {@link DivergedException}.
 *
 * <p>A trial with a {@code distill} section trains on the {@link Distillation} loss; its
 * teacher's logits on the train split come from {@link TeacherLogits}, computed once per teacher
 * and split and kept in the blob store, so a resumed or retried trial reads the same numbers. A
 * trial with a {@code finetune} section starts from a source model's layers ({@link FineTuning}).
 *
 * <p>Memory: one {@code NDManager} per call holds the weights and optimizer state; every step
 * runs in an {@code NDScope} that frees its temporaries, so memory stays flat over epochs.
 * Thread-safe: calls share nothing but the data set cache, so a worker may train several trials
 * at once, each on its own thread.
 */
public final class TrialTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(TrialTrainer.class);

  /** A memory budget that refuses nothing. */
  public static final long NO_MEMORY_LIMIT = Long.MAX_VALUE;

  private final ArtifactStore store;
  private final Datasets datasets;
  private final long maxMemory;
  private final SourceModels sources;
  private final TeacherLogits teachers;

  /** Uses the JVM-wide data set cache; no memory limit. */
  public TrialTrainer(ArtifactStore store) {
    this(store, Datasets.shared());
  }

  /** No memory limit; teachers and sources from the store in {@link FolderBlobStore#DEFAULT_FOLDER} under the artifact root. */
  public TrialTrainer(ArtifactStore store, Datasets datasets) {
    this(store, datasets, NO_MEMORY_LIMIT);
  }

  /** Teachers and sources from the store in {@link FolderBlobStore#DEFAULT_FOLDER} under the artifact root. */
  public TrialTrainer(ArtifactStore store, Datasets datasets, long maxMemory) {
    this(store, datasets, new FolderBlobStore(store.root().resolve(FolderBlobStore.DEFAULT_FOLDER)), maxMemory);
  }

  /**
   * @param blobs the store that pipelines publish models to: teachers and sources are read from
   *     it, and teacher logits kept in it
   * @param maxMemory bytes a trial may need by its {@link MemoryEstimate}; {@link
   *     #NO_MEMORY_LIMIT} for none. Below it, the checkpoint buffers must also fit in the JVM's
   *     maximum heap.
   */
  public TrialTrainer(ArtifactStore store, Datasets datasets, BlobStore blobs, long maxMemory) {
    this.store = store;
    this.datasets = datasets;
    this.maxMemory = maxMemory;
    this.sources = new SourceModels(store, blobs);
    this.teachers = new TeacherLogits(sources, blobs);
  }

  /** The trial's fine-tuning start, or null; the source's class count comes from its own data. */
  private FineTuning fineTuning(TrialConfig trial) throws IOException {
    FinetuneSpec spec = trial.finetune();
    if (spec == null) {
      return null;
    }
    List<SourceModels.Source> found = sources.resolve(spec.source(), "finetune.source");
    if (found.size() != 1) {
      throw new InvalidSpecException("finetune.source: names " + found.size() + " models; fine-tune from one"
          + " (stage:ID, not stage:ID#K)");
    }
    SourceModels.Source source = found.get(0);
    int sourceClasses = datasets.load(source.config().dataset(), source.config().seed()).classes();
    return new FineTuning(source, sourceClasses, spec.keepLayers(), spec.freezeOrDefault(),
        spec.bodyLearningRateScaleOrDefault());
  }

  /**
   * Trains {@code request.trial()} to {@code request.untilEpoch()}.
   *
   * @throws InvalidSpecException if the spec or data cannot work
   * @throws DivergedException if the loss stops being finite
   * @throws IOException if artifacts cannot be read or written
   * @throws RuntimeException whatever {@code listener} throws, unchanged
   */
  public TrainResult train(TrainRequest request, EpochListener listener) throws IOException {
    return train(request, listener, null, live -> { });
  }

  /**
   * As {@link #train(TrainRequest, EpochListener)}, on {@code device} (null: the engine's default),
   * which the trial folder's {@code device.txt} then names.
   */
  public TrainResult train(TrainRequest request, EpochListener listener, Device device) throws IOException {
    return train(request, listener, device, live -> { });
  }

  /**
   * As {@link #train(TrainRequest, EpochListener)}, reporting after each epoch how many NDArrays
   * the trial's manager holds; tests use it to prove memory stays flat.
   */
  TrainResult train(TrainRequest request, EpochListener listener, IntConsumer liveArrays) throws IOException {
    return train(request, listener, null, liveArrays);
  }

  private TrainResult train(TrainRequest request, EpochListener listener, Device device, IntConsumer liveArrays)
      throws IOException {
    long started = System.nanoTime();
    TrialConfig trial = request.trial();
    TrainingSpec training = trial.training() == null ? TrainingSpec.DEFAULT : trial.training();
    int totalEpochs = training.epochsOrDefault();
    int every = training.checkpointEveryOrDefault();
    if (totalEpochs < 1) {
      throw new InvalidSpecException("training.epochs: " + totalEpochs + " must be at least 1");
    }
    if (every < 1) {
      throw new InvalidSpecException("training.checkpointEvery: " + every + " must be at least 1");
    }
    if (request.untilEpoch() != null && request.untilEpoch() < 1) {
      throw new InvalidSpecException("untilEpoch: " + request.untilEpoch() + " must be at least 1, or null for all epochs");
    }
    int target = request.untilEpoch() == null ? totalEpochs : Math.min(request.untilEpoch(), totalEpochs);

    String modelPath = ArtifactLayout.modelFile(trial.sweepId(), trial.trialId());
    Checkpoints checkpoints = new Checkpoints(store, ArtifactLayout.checkpointDir(trial.sweepId(), trial.trialId()));
    String fingerprint = fingerprint(trial);
    Optional<Checkpoint> resume = checkpoints.newestValid(fingerprint);
    int startEpoch = resume.map(Checkpoint::epoch).orElse(0);
    String recordPath = ArtifactLayout.trialDir(trial.sweepId(), trial.trialId()) + "/train-result.json";
    if (resume.isPresent() && startEpoch >= target) {
      Checkpoint c = resume.get();
      // A stable format, like the debug lines below: a retry that finds the work done.
      LOG.debug("trial {}/{} already trained to epoch {}", trial.sweepId(), trial.trialId(), c.epoch());
      Optional<TrainResult> recorded = Recorded.read(store, recordPath, fingerprint, TrainResult.class);
      boolean modelIntact = store.exists(modelPath) && Arrays.equals(store.read(modelPath), c.weights());
      if (recorded.isPresent() && recorded.get().epochsCompleted() == c.epoch() && modelIntact) {
        // Paths are this trial's own: the record may come from the folder under another name (a
        // sweep folder renamed or copied, then resumed), whose paths no longer lead here.
        TrainResult r = recorded.get();
        return new TrainResult(r.trialId(), r.epochsCompleted(), r.resumedFromEpoch(), r.history(),
            checkpoints.path(c.epoch()), modelPath, r.trainSeconds(), r.device());
      }
      // The model file may predate this checkpoint (a crash between the two writes), or be
      // damaged: the checkpoint is checksummed, so its weights are the trial's. Rewrite it.
      if (store.exists(modelPath) && !modelIntact) {
        LOG.warn("trial {}/{}: {} differs from its checkpoint of epoch {}; restored from the checkpoint",
            trial.sweepId(), trial.trialId(), modelPath, c.epoch());
      }
      store.writeAtomic(modelPath, c.weights());
      writeHistory(trial, c.history());
      return new TrainResult(trial.trialId(), c.epoch(), c.epoch(), c.history(), checkpoints.path(c.epoch()),
          modelPath, seconds(started), deviceName(device));
    }
    checkpoints.deleteAfter(startEpoch);

    SplitDataset data = datasets.load(trial.dataset(), trial.seed());
    OptimizerSpec optimizer = trial.optimizer() == null ? OptimizerSpec.DEFAULT : trial.optimizer();
    if (maxMemory != NO_MEMORY_LIMIT && trial.model() != null) {
      MemoryEstimate need = MemoryEstimate.of(trial.model(), data.shape(), data.classes(),
          training.batchSizeOrDefault().resolve(data.train().rows()), optimizer);
      need.check(maxMemory, Runtime.getRuntime().maxMemory());
    }
    List<EpochMetrics> history = new ArrayList<>();
    String newest = resume.map(c -> checkpoints.path(c.epoch())).orElse(null);
    Distillation distillation = trial.distill() == null ? null : new Distillation(
        teachers.train(trial, data), trial.distill().temperatureOrDefault(), trial.distill().alphaOrDefault());
    FineTuning fineTuning = fineTuning(trial);
    if (device != null) {
      store.writeAtomic(ArtifactLayout.trialDir(trial.sweepId(), trial.trialId()) + "/device.txt",
          (device + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try (TrainingSession session = new TrainingSession(trial, data, training, optimizer, distillation, fineTuning,
        device)) {
      if (resume.isPresent()) {
        session.restore(resume.get());
        history.addAll(resume.get().history());
        LOG.info("trial {}/{} resumes after epoch {}", trial.sweepId(), trial.trialId(), startEpoch);
      }
      // Debug lines below are a stable format: the chaos harness reads them from worker logs.
      LOG.debug("trial {}/{} trains from epoch {}", trial.sweepId(), trial.trialId(), startEpoch + 1);
      for (int epoch = startEpoch + 1; epoch <= target; epoch++) {
        EpochMetrics metrics = session.runEpoch(epoch, listener);
        history.add(metrics);
        String written = null;
        if (epoch % every == 0 || epoch == target) {
          written = checkpoints.write(session.checkpoint(fingerprint, epoch, history));
          newest = written;
        }
        liveArrays.accept(session.liveArrays());
        listener.onEpoch(metrics, written);
        LOG.debug("trial {}/{} epoch {}", trial.sweepId(), trial.trialId(), epoch);
      }
      store.writeAtomic(modelPath, session.weights());
    }
    writeHistory(trial, history);
    TrainResult result = new TrainResult(trial.trialId(), target, startEpoch, List.copyOf(history), newest, modelPath,
        seconds(started), deviceName(device));
    Recorded.write(store, recordPath, fingerprint, result);
    LOG.debug("trial {}/{} trained to epoch {}", trial.sweepId(), trial.trialId(), target);
    return result;
  }

  /** The trial folder's {@code history.json}: the per-epoch metrics so far. */
  private void writeHistory(TrialConfig trial, List<EpochMetrics> history) throws IOException {
    store.writeAtomic(ArtifactLayout.trialDir(trial.sweepId(), trial.trialId()) + "/history.json", Json.bytes(history));
  }

  /**
   * Identifies the configuration a checkpoint belongs to: everything that shapes the numbers
   * (seed, data, model, epochs and batch size, optimizer), and nothing that does not, such as the
   * checkpoint interval or heartbeat timeout. Record {@code toString}s are stable for equal values.
   * The finetune and distill sections count only when set, so plain trials keep their fingerprints.
   */
  static String fingerprint(TrialConfig t) {
    TrainingSpec training = t.training() == null ? TrainingSpec.DEFAULT : t.training();
    String canonical = String.join("\n",
        Long.toString(t.seed()), String.valueOf(t.dataset()), String.valueOf(t.model()),
        "epochs=" + training.epochsOrDefault() + " batch=" + training.batchSizeOrDefault(),
        String.valueOf(t.optimizer()));
    if (t.finetune() != null) {
      canonical += "\n" + t.finetune();
    }
    if (t.distill() != null) {
      canonical += "\n" + t.distill();
    }
    if (training.dataParallelOrDefault() > 1) {
      // The same numbers within float rounding, not the same bits: a checkpoint is not shared.
      canonical += "\ndataParallel=" + training.dataParallelOrDefault();
    }
    return HexFormat.of().formatHex(Checkpoint.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code device} as DJL names it, the engine's default when null. */
  private static String deviceName(Device device) {
    return (device != null ? device : Engine.getEngine("PyTorch").defaultDevice()).toString();
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
