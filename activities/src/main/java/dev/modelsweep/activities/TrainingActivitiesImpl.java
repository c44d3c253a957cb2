package dev.modelsweep.activities;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.device.DeviceLeases;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.activityapi.FailureTypes;
import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.search.Observation;
import dev.modelsweep.search.Samplers;
import dev.modelsweep.activities.Limits;
import dev.modelsweep.spec.SpecProblem;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.DatasetSummary;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TrainingActivities} on DJL and the local artifact store. Register one instance per
 * worker; it is thread-safe, and concurrent trials share only the data set cache.
 *
 * <ul>
 *   <li>{@link InvalidSpecException} → non-retryable {@link FailureTypes#INVALID_SPEC}
 *   <li>{@link DivergedException} → non-retryable {@link FailureTypes#DIVERGED}
 *   <li>{@link OutOfMemoryException} (over the memory budget), {@link OutOfMemoryError} (ran out
 *       anyway), libtorch failing to allocate and CUDA out of memory → non-retryable {@link
 *       FailureTypes#OUT_OF_MEMORY}, so the trial fails and the worker goes on
 *   <li>an {@link IOException} that cannot heal ({@link IoErrors#canHeal}) → non-retryable {@link
 *       FailureTypes#BROKEN_ARTIFACTS}
 *   <li>other {@link IOException}s and anything else → retryable; a retried train resumes from its
 *       newest checkpoint
 * </ul>
 *
 * Training heartbeats a {@link TrainingHeartbeat} after every epoch and at most every {@value
 * #STEP_HEARTBEAT_MILLIS} ms within an epoch (these calls, on the training thread, are where a
 * cancellation ends training), and a ticker repeats the latest one when a second passes without.
 * Every other activity ticks too.
 *
 * <p>The worker operator's rules: data files are read only from inside the {@link DataRoots}
 * (default: the working directory), and {@link #describeDataset} refuses a sweep over the
 * worker's {@link Limits} (default: none). Both fail with {@code InvalidSpec}.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingActivitiesImpl.class);

  /** What libtorch's CPU allocator says when malloc fails. */
  static final String NATIVE_ALLOCATION_FAILED = "can't allocate memory";

  /** What libtorch's CUDA allocator says when a GPU is full. */
  static final String CUDA_OUT_OF_MEMORY = "CUDA out of memory";

  /** Minimum spacing of heartbeats sent within an epoch. */
  static final long STEP_HEARTBEAT_MILLIS = 2_000;

  private final ArtifactStore store;
  private final Datasets datasets;
  private final Limits limits;
  private final TrialTrainer trainer;
  private final TrialEvaluator evaluator;
  private final EarlierSweeps earlierSweeps;
  /** Null: every trial on the engine's default device. */
  private DeviceLeases devices;

  /** The JVM-wide data set cache, files from the working directory only, no limits. */
  public TrainingActivitiesImpl(ArtifactStore store) {
    this(store, DataRoots.workingDirectory(), Limits.NONE);
  }

  /** The JVM-wide data set cache, files from inside {@code roots} only, sweeps within {@code limits}. */
  public TrainingActivitiesImpl(ArtifactStore store, DataRoots roots, Limits limits) {
    this(store, Datasets.shared().withRoots(roots), limits);
  }

  /** Data sets from {@code datasets}, which also sets the data roots; no limits. */
  public TrainingActivitiesImpl(ArtifactStore store, Datasets datasets) {
    this(store, datasets, Limits.NONE);
  }

  /** No memory limit. */
  public TrainingActivitiesImpl(ArtifactStore store, Datasets datasets, Limits limits) {
    this(store, datasets, limits, TrialTrainer.NO_MEMORY_LIMIT);
  }

  /**
   * The JVM-wide data set cache, files from inside {@code roots} only, sweeps within {@code
   * limits}, and trials whose {@link dev.modelsweep.activities.train.MemoryEstimate} is at most
   * {@code maxMemory} bytes; teachers and fine-tuning sources from {@code models}, the store that
   * pipelines publish models to.
   */
  public TrainingActivitiesImpl(ArtifactStore store, BlobStore models, DataRoots roots, Limits limits, long maxMemory) {
    this(store, models, Datasets.shared().withRoots(roots), limits, maxMemory);
  }

  /**
   * As {@link #TrainingActivitiesImpl(ArtifactStore, BlobStore, DataRoots, Limits, long)}, each
   * trial training and evaluating on a device leased from {@code devices}, one per slot.
   */
  public TrainingActivitiesImpl(ArtifactStore store, BlobStore models, DataRoots roots, Limits limits, long maxMemory,
      DeviceLeases devices) {
    this(store, models, Datasets.shared().withRoots(roots), limits, maxMemory);
    this.devices = devices;
  }

  private TrainingActivitiesImpl(ArtifactStore store, Datasets datasets, Limits limits, long maxMemory) {
    this(store, new FolderBlobStore(store.root().resolve(FolderBlobStore.DEFAULT_FOLDER)), datasets, limits, maxMemory);
  }

  private TrainingActivitiesImpl(ArtifactStore store, BlobStore models, Datasets datasets, Limits limits,
      long maxMemory) {
    this.store = store;
    this.datasets = datasets;
    this.limits = limits;
    this.trainer = new TrialTrainer(store, datasets, models, maxMemory);
    this.evaluator = new TrialEvaluator(store, datasets);
    this.earlierSweeps = new EarlierSweeps(store);
  }

  /**
   * Loads the native engine (about 1 s) now rather than in the first trial. A worker that starts
   * again after a crash calls this before it polls, while the dead worker's activity waits out
   * its heartbeat timeout, so the retried trial resumes that much sooner.
   */
  public static void loadEngine() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.create(1f).add(1f);
    }
  }

  /**
   * Limits first, since they need no data; then the data set, whose files are checked against
   * the roots before they are opened; then its rows against the row limit.
   */
  @Override
  public DatasetSummary describeDataset(SweepSpec spec) {
    return ticking(() -> {
      if (spec == null || spec.dataset() == null) {
        throw new InvalidSpecException("dataset: missing; give a built-in name such as \"digits\" or a file");
      }
      List<SpecProblem> over = limits.check(spec, Samplers.create(spec).plannedTrials());
      if (!over.isEmpty()) {
        throw new InvalidSpecException(over.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
      }
      SplitDataset data = datasets.load(spec.dataset(), spec.seedOrDefault());
      DatasetSummary summary = data.summary();
      limits.checkRows(summary.rows()).ifPresent(message -> {
        throw new InvalidSpecException(message);
      });
      return summary;
    });
  }

  /**
   * Trains with a {@link HeartbeatTicker} that repeats the latest progress whenever training has
   * sent none for a second, so that steps between progress reports (data loading, restore,
   * validation scoring, checkpoint writes) never outlast the heartbeat timeout.
   */
  @Override
  public TrainResult train(TrainRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Heartbeats beats = new Heartbeats(context);
    try (HeartbeatTicker ticker = HeartbeatTicker.every(beats::fillGap)) {
      return onDevice(device -> trainer.train(request, beats, device));
    }
  }

  @Override
  public Evaluation evaluate(EvaluateRequest request) {
    try (HeartbeatTicker ticker = HeartbeatTicker.start(Activity.getExecutionContext())) {
      return onDevice(device -> evaluator.evaluate(request, device));
    }
  }

  /** Runs {@code body} on a leased slot's device (null without leases), with failures sorted by {@link #run}. */
  private <T> T onDevice(OnDevice<T> body) {
    if (devices == null) {
      return run(() -> body.run(null));
    }
    try (DeviceLeases.Lease lease = devices.lease()) {
      return run(() -> body.run(lease.device()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }

  @FunctionalInterface
  private interface OnDevice<T> {
    T run(ai.djl.Device device) throws IOException;
  }

  @Override
  public List<Observation> warmStart(SweepSpec spec) {
    return ticking(() -> earlierSweeps.observations(spec));
  }

  /**
   * Writes {@code {sweep}/spec.json}, {@code {sweep}/trials/{id}/trial.json} per trial and, last,
   * {@code {sweep}/leaderboard.json}, each atomically; returns the sweep folder's absolute path.
   * The leaderboard goes last so that its presence means the set is complete.
   */
  @Override
  public String saveResults(String sweepId, String specJson, List<TrialResult> leaderboard) {
    return ticking(() -> {
      String dir = ArtifactLayout.sweepDir(sweepId);
      refuseToLoseResults(dir, leaderboard);
      store.writeAtomic(dir + "/spec.json", prettySpec(specJson));
      for (TrialResult r : leaderboard) {
        store.writeAtomic(ArtifactLayout.trialDir(sweepId, r.id()) + "/trial.json", Json.bytes(r));
      }
      store.writeAtomic(dir + "/leaderboard.json", Json.bytes(leaderboard));
      return store.resolve(dir).toString();
    });
  }

  /**
   * Fails, writing nothing, when {@code leaderboard} would replace a trial that the folder's
   * leaderboard records as finished (completed or infeasible) with a failure: a result is never
   * overwritten with a worse one. A leaderboard that cannot be read is no result to keep.
   */
  private void refuseToLoseResults(String dir, List<TrialResult> leaderboard) {
    String path = dir + "/leaderboard.json";
    if (!store.exists(path)) {
      return;
    }
    Map<String, TrialResult> recorded = new HashMap<>();
    try {
      for (TrialResult r : Json.mapper().readValue(store.read(path), TrialResult[].class)) {
        recorded.put(r.id(), r);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} cannot be read ({}); writing the new leaderboard over it", path, e.toString());
      return;
    }
    List<String> lost = new ArrayList<>();
    for (TrialResult r : leaderboard) {
      TrialResult before = recorded.get(r.id());
      if (r.status() == TrialResult.Status.FAILED && before != null && before.status() != TrialResult.Status.FAILED) {
        lost.add(r.id() + " (" + before.status().name().toLowerCase(Locale.ROOT) + ", now failed: " + r.failure() + ")");
      }
    }
    if (!lost.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          store.resolve(dir) + " was kept as it was: this run would replace finished trials with failures: "
              + String.join("; ", lost) + "; fix what failed them, then run the sweep again",
          FailureTypes.WOULD_LOSE_RESULTS);
    }
  }

  /** The spec indented for people; kept byte for byte if it does not parse. */
  private static byte[] prettySpec(String specJson) {
    try {
      return Json.bytes(Json.mapper().readTree(specJson));
    } catch (IOException e) {
      return specJson.getBytes(StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Body<T> {
    T get() throws IOException;
  }

  /** {@link #run} with heartbeats every second, for steps that report no progress of their own. */
  private static <T> T ticking(Body<T> body) {
    try (HeartbeatTicker ticker = HeartbeatTicker.start(Activity.getExecutionContext())) {
      return run(body);
    }
  }

  static <T> T run(Body<T> body) {
    try {
      return body.get();
    } catch (InvalidSpecException e) {
      // No cause attached: workflows report the innermost failure, which must be this one.
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INVALID_SPEC);
    } catch (DivergedException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.DIVERGED);
    } catch (OutOfMemoryException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.OUT_OF_MEMORY);
    } catch (OutOfMemoryError e) {
      // The step that ran out has dropped its arrays by now; the worker lives on. Logged with its
      // trace for the operator; the trial's reason gets one line.
      LOG.warn("a step ran out of memory", e);
      throw ApplicationFailure.newNonRetryableFailure(
          "ran out of memory (" + e.getMessage() + ") although its estimate fit the worker's --max-memory; "
              + "lower the model's width or training.batchSize, or give the worker a smaller --max-memory",
          FailureTypes.OUT_OF_MEMORY);
    } catch (EngineException e) {
      if (String.valueOf(e.getMessage()).contains(NATIVE_ALLOCATION_FAILED)) {
        LOG.warn("a step ran out of native memory", e);
        throw ApplicationFailure.newNonRetryableFailure(
            "ran out of native memory (" + firstLine(e.getMessage()) + "); lower the model's width or "
                + "training.batchSize, or give the worker a smaller --max-memory",
            FailureTypes.OUT_OF_MEMORY);
      }
      if (String.valueOf(e.getMessage()).contains(CUDA_OUT_OF_MEMORY)) {
        // A retry would run the same trial on a GPU of the same size: it would fail the same way.
        LOG.warn("a step ran out of GPU memory", e);
        throw ApplicationFailure.newNonRetryableFailure(
            "ran out of GPU memory (" + firstLine(e.getMessage()) + "); lower training.batchSize or the model size",
            FailureTypes.OUT_OF_MEMORY);
      }
      throw e;
    } catch (IOException e) {
      // Which I/O errors heal and which do not: see IoErrors.
      if (IoErrors.canHeal(e)) {
        throw Activity.wrap(e);
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot read or write the sweep's artifacts: " + IoErrors.describe(e)
              + "; repair or move that path (the sweep folder is damaged), then run the sweep again",
          FailureTypes.BROKEN_ARTIFACTS);
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** Turns training progress into heartbeats; a cancelled activity's heartbeat throws, ending training. */
  private static final class Heartbeats implements EpochListener {
    private final ActivityExecutionContext context;
    private EpochMetrics last;
    private String checkpoint;
    private int steps;
    private volatile long lastBeat = System.nanoTime();
    /** What the ticker repeats; null until the first report. */
    private volatile TrainingHeartbeat latest;

    Heartbeats(ActivityExecutionContext context) {
      this.context = context;
    }

    @Override
    public void onEpoch(EpochMetrics metrics, String written) {
      last = metrics;
      if (written != null) {
        checkpoint = written;
      }
      beat(new TrainingHeartbeat(metrics.epoch(), steps, steps, metrics, checkpoint));
    }

    @Override
    public void onStep(int epoch, int step, int steps) {
      this.steps = steps;
      if (System.nanoTime() - lastBeat >= STEP_HEARTBEAT_MILLIS * 1_000_000L) {
        beat(new TrainingHeartbeat(epoch, step, steps, last, checkpoint));
      }
    }

    private void beat(TrainingHeartbeat details) {
      lastBeat = System.nanoTime();
      latest = details;
      context.heartbeat(details);
    }

    /** From the ticker's thread: repeats the latest progress if training has sent none for a second. */
    void fillGap() {
      if (System.nanoTime() - lastBeat >= GAP_NANOS) {
        lastBeat = System.nanoTime();
        context.heartbeat(latest);
      }
    }

    private static final long GAP_NANOS = 1_000_000_000L;
  }
}
