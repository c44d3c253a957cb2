package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.data.Table;
import dev.modelsweep.activities.model.Network;
import java.util.Arrays;

/** Softmax cross-entropy and accuracy, shared by training and evaluation. */
final class Losses {

  /** Rows per forward pass when scoring a split: bounds memory on large splits. */
  static final int SCORE_BATCH = 1024;

  /**
   * Mean loss and accuracy over a split.
   *
   * @param loss mean softmax cross-entropy (natural log)
   * @param accuracy share of rows whose arg-max logit is the label
   */
  record Score(double loss, double accuracy) {}

  private Losses() {}

  /**
   * Per-row negative log-likelihood, {@code [rows, 1]}, of {@code labels} (as {@link #labels}
   * makes them) under {@code softmax(logits)}. Picking each row's log-probability gives the same
   * values, forward and backward, as multiplying by a one-hot mask and summing, in fewer ops.
   */
  static NDArray nll(NDArray logits, NDArray labels) {
    return nllOfLogSoftmax(logits.logSoftmax(1), labels);
  }

  /** {@link #nll} from {@code logSoftmax(logits)} already computed. */
  static NDArray nllOfLogSoftmax(NDArray logProbabilities, NDArray labels) {
    return logProbabilities.gather(labels, 1).neg();
  }

  /** Class indices {@code y[from..to)} as the {@code [rows, 1]} int64 column {@link #nll} takes. */
  static NDArray labels(NDManager manager, int[] y, int from, int to) {
    long[] column = new long[to - from];
    for (int i = from; i < to; i++) {
      column[i - from] = y[i];
    }
    return manager.create(column, new Shape(to - from, 1));
  }

  /** Scores {@code table} with the network in inference mode. Call with recording off. */
  static Score score(Network net, ParameterStore ps, NDManager manager, Table table, int classes) {
    int f = table.features();
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < table.rows(); from += SCORE_BATCH) {
      int to = Math.min(table.rows(), from + SCORE_BATCH);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = manager.create(Arrays.copyOfRange(table.x(), from * f, to * f), net.batchShape(to - from));
        NDArray y = labels(manager, table.y(), from, to);
        NDArray logits = net.block().forward(ps, new NDList(x), false).singletonOrThrow();
        lossSum += nll(logits, y).toType(DataType.FLOAT64, false).sum().getDouble();
        long[] predicted = logits.argMax(1).toLongArray();
        for (int i = 0; i < predicted.length; i++) {
          if (predicted[i] == table.y()[from + i]) {
            correct++;
          }
        }
      }
    }
    return new Score(lossSum / table.rows(), (double) correct / table.rows());
  }
}
