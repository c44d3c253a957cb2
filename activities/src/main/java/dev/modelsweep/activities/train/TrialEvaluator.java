package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.data.Table;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activity.ArtifactLayout;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Measures trained weights: validation and test loss and accuracy, trainable parameter count,
 * size of the weights file, and single-example CPU inference latency.
 *
 * <p>Latency: {@value #WARMUP} untimed passes, then {@value #TIMED} timed ones, each one test row
 * end to end (create the input array, forward, read the logits back), measured with {@code
 * System.nanoTime}; p50 and p95 by nearest rank. It runs on the calling thread with the engine's
 * thread settings (one PyTorch thread on workers), so it measures what one serving thread sees.
 * Thread-safe.
 */
public final class TrialEvaluator {

  static final int WARMUP = 20;
  static final int TIMED = 200;

  private final ArtifactStore store;
  private final Datasets datasets;

  /** Uses the JVM-wide data set cache. */
  public TrialEvaluator(ArtifactStore store) {
    this(store, Datasets.shared());
  }

  public TrialEvaluator(ArtifactStore store, Datasets datasets) {
    this.store = store;
    this.datasets = datasets;
  }

  /**
   * @throws InvalidSpecException if the weights path leaves the store, is missing, or does not fit
   *     the trial's model
   * @throws IOException if files cannot be read
   */
  public Evaluation evaluate(EvaluateRequest request) throws IOException {
    return evaluate(request, null);
  }

  /** As {@link #evaluate(EvaluateRequest)}, on {@code device} (null: the engine's default). */
  public Evaluation evaluate(EvaluateRequest request, ai.djl.Device device) throws IOException {
    TrialConfig trial = request.trial();
    byte[] weights = readWeights(request.model());
    String recordPath = ArtifactLayout.trialDir(trial.sweepId(), trial.trialId()) + "/evaluation.json";
    String key = HexFormat.of().formatHex(Checkpoint.sha256(weights)) + " " + TrialTrainer.fingerprint(trial);
    Optional<Evaluation> recorded = Recorded.read(store, recordPath, key, Evaluation.class);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Evaluation evaluation = measure(trial, weights, request.model(), device);
    Recorded.write(store, recordPath, key, evaluation);
    return evaluation;
  }

  @SuppressWarnings("try") // the grad-mode guard is held for its scope, never referenced
  private Evaluation measure(TrialConfig trial, byte[] weights, String model, ai.djl.Device device) throws IOException {
    SplitDataset data = datasets.load(trial.dataset(), trial.seed());
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager manager = device == null ? engine.newBaseManager() : engine.newBaseManager(device);
        Autograd.Mode off = Autograd.off()) {
      Network net = network(trial, data);
      net.initialize(manager, 0);
      try {
        Weights.load(net, manager, weights);
      } catch (MalformedModelException | IOException e) {
        throw new InvalidSpecException(
            "model: the weights at " + model + " are corrupt or do not fit the trial's model and data ("
                + e.getMessage() + "); evaluate the weights that this trial's train call wrote, or delete the "
                + "file and run the sweep again to restore or retrain it", e);
      }
      ParameterStore ps = new ParameterStore(manager, false);
      Losses.Score val = Losses.score(net, ps, manager, data.validation(), data.classes());
      Losses.Score test = Losses.score(net, ps, manager, data.test(), data.classes());
      double[] latency = latencyMillis(net, ps, manager, data.test());
      return new Evaluation(
          val.accuracy(), val.loss(), test.accuracy(), test.loss(), net.trainableCount(), weights.length,
          percentile(latency, 0.50), percentile(latency, 0.95));
    }
  }

  /** The trial's network for this data, not yet initialised. Shared with the trainer. */
  static Network network(TrialConfig trial, SplitDataset data) {
    if (trial.model() == null) {
      throw new InvalidSpecException("model: missing; give at least {\"family\": \"mlp\"}");
    }
    return ModelFactory.build(trial.model(), data.shape(), data.classes());
  }

  private byte[] readWeights(String model) throws IOException {
    try {
      if (!store.exists(model)) {
        throw new InvalidSpecException(
            "model: no weights at " + model + " under " + store.location() + "; train the trial before evaluating it");
      }
      return store.read(model);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException("model: " + e.getMessage(), e);
    }
  }

  private static double[] latencyMillis(Network net, ParameterStore ps, NDManager manager, Table rows) {
    int f = rows.features();
    double[] ms = new double[TIMED];
    for (int i = 0; i < WARMUP + TIMED; i++) {
      int row = i % rows.rows();
      float[] x = Arrays.copyOfRange(rows.x(), row * f, (row + 1) * f);
      long start = System.nanoTime();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray input = manager.create(x, net.batchShape(1));
        net.block().forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray();
      }
      long elapsed = System.nanoTime() - start;
      if (i >= WARMUP) {
        ms[i - WARMUP] = elapsed / 1e6;
      }
    }
    return ms;
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
