package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.Normalization;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained model answering raw feature rows: the training normalization applied, the network's
 * forward pass, softmax probabilities. Built from what a model card holds, so it needs no training
 * data. Thread-safe: each call works in its own sub-manager with gradients off on its thread.
 * Close it when no call is in flight.
 */
public final class Predictor implements AutoCloseable {

  /**
   * One row's answer.
   *
   * @param classIndex the most probable class, 0-based
   * @param className its label
   * @param probabilities every class's probability, in class index order
   */
  public record Prediction(int classIndex, String className, float[] probabilities) {}

  private final NDManager manager;
  private final Network net;
  private final ParameterStore parameters;
  private final Normalization normalization;
  private final List<String> classNames;
  private final int features;

  /**
   * @param config the trial configuration (its {@code model} builds the network)
   * @param inputShape one example's shape
   * @param classNames each class index's label
   * @param normalization the training scaling, applied to each raw row
   * @param weights the trained weights
   * @throws InvalidSpecException if the weights do not fit the network
   */
  public Predictor(TrialConfig config, List<Integer> inputShape, List<String> classNames, Normalization normalization,
      byte[] weights) {
    this.manager = Engine.getEngine("PyTorch").newBaseManager();
    this.classNames = List.copyOf(classNames);
    this.normalization = normalization;
    this.features = inputShape.stream().reduce(1, (a, b) -> a * b);
    try (Autograd.Mode off = Autograd.off()) {
      this.net = ModelFactory.build(config.model(), inputShape, classNames.size());
      net.initialize(manager, 0);
      Weights.load(net, manager, weights);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      manager.close();
      throw new InvalidSpecException("the weights do not fit the model of the card (" + e.getMessage() + ")", e);
    }
    this.parameters = new ParameterStore(manager, false);
  }

  /** Raw values per row: the product of the input shape. */
  public int features() {
    return features;
  }

  /**
   * Answers {@code rows} raw rows of {@link #features()} values each, laid out one after another
   * in {@code x} (which this scales in place).
   */
  @SuppressWarnings("try") // the grad-mode guard is held for its scope, never referenced
  public List<Prediction> predict(float[] x, int rows) {
    if (x.length != rows * features) {
      throw new IllegalArgumentException(x.length + " values are not " + rows + " rows of " + features);
    }
    for (int r = 0; r < rows; r++) {
      normalization.applyToRow(x, r * features);
    }
    try (NDManager call = manager.newSubManager();
        Autograd.Mode off = Autograd.off()) {
      NDArray input = call.create(x, net.batchShape(rows));
      NDArray probabilities = net.block().forward(parameters, new NDList(input), false).singletonOrThrow().softmax(1);
      float[] p = probabilities.toFloatArray();
      int classes = classNames.size();
      List<Prediction> out = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        float[] row = java.util.Arrays.copyOfRange(p, r * classes, (r + 1) * classes);
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (row[c] > row[best]) {
            best = c;
          }
        }
        out.add(new Prediction(best, classNames.get(best), row));
      }
      return out;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
