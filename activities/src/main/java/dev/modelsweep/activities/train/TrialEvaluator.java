package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Measures trained weights: validation and test loss and accuracy, trainable parameter count,
 * size of the weights file, and what it costs to serve on the test rows ({@link ServingCost}:
 * latency percentiles and throughput, measured one evaluation at a time per worker, once per
 * architecture: see {@link ServingCostCache}). Thread-safe.
 */
public final class TrialEvaluator {

  /**
   * Part of the recorded evaluation's key: a record written by an older way of measuring (one
   * without p99 and throughput) is measured again rather than returned with zeros.
   */
  private static final String MEASUREMENT = "serving-cost-v2";

  /** Serving cost by architecture, for every evaluator of this JVM (as the timing lock is). */
  private static final ServingCostCache SERVING_COSTS = new ServingCostCache(1_000);

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
    String key = HexFormat.of().formatHex(Checkpoint.sha256(weights)) + " " + TrialTrainer.fingerprint(trial) + " " + MEASUREMENT;
    Optional<Evaluation> recorded = Recorded.read(store, recordPath, key, Evaluation.class);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Evaluation evaluation = measure(trial, weights, request.model(), device);
    Recorded.write(store, recordPath, key, evaluation);
    return evaluation;
  }

  /**
   * Measures what the weights cost to serve, afresh: nothing is read from or written to the
   * recorded evaluation. What {@code bench latency} repeats on an idle and a busy worker.
   */
  public ServingCost.Figures servingCost(EvaluateRequest request) throws IOException {
    return withModel(request.trial(), readWeights(request.model()), request.model(), null,
        (net, ps, manager, data) -> ServingCost.measure(net, ps, manager, data.test()));
  }

  private Evaluation measure(TrialConfig trial, byte[] weights, String model, ai.djl.Device device)
      throws IOException {
    return withModel(trial, weights, model, device, (net, ps, manager, data) -> {
      Losses.Score val = Losses.score(net, ps, manager, data.validation(), data.classes());
      Losses.Score test = Losses.score(net, ps, manager, data.test(), data.classes());
      ServingCost.Figures cost = SERVING_COSTS.get(architecture(trial, data, manager),
          () -> ServingCost.measure(net, ps, manager, data.test()));
      return new Evaluation(
          val.accuracy(), val.loss(), test.accuracy(), test.loss(), net.trainableCount(), weights.length,
          cost.latencyP50Ms(), cost.latencyP95Ms(), cost.latencyP99Ms(), cost.throughputPerS());
    });
  }

  /**
   * What the network's serving cost depends on: the model as specified, the shape of one input row,
   * the class count and the device; the same string for trials that differ only in how they train.
   */
  private static String architecture(TrialConfig trial, SplitDataset data, NDManager manager) {
    return trial.model() + " " + data.shape() + " " + data.classes() + " " + manager.getDevice();
  }

  /** Work on a loaded model, with gradients off. */
  @FunctionalInterface
  private interface OnModel<T> {
    T apply(Network net, ParameterStore ps, NDManager manager, SplitDataset data);
  }

  @SuppressWarnings("try") // the grad-mode guard is held for its scope, never referenced
  private <T> T withModel(TrialConfig trial, byte[] weights, String model, ai.djl.Device device, OnModel<T> work)
      throws IOException {
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
      return work.apply(net, new ParameterStore(manager, false), manager, data);
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
}
