package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
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

  /** Per-row negative log-likelihood of {@code labels} under {@code softmax(logits)}. */
  static NDArray nll(NDArray logits, NDArray labels, int classes) {
    return logits.logSoftmax(1).mul(labels.oneHot(classes)).sum(new int[] {1}).neg();
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
        NDArray y = manager.create(Arrays.copyOfRange(table.y(), from, to));
        NDArray logits = net.block().forward(ps, new NDList(x), false).singletonOrThrow();
        lossSum += nll(logits, y, classes).toType(DataType.FLOAT64, false).sum().getDouble();
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
