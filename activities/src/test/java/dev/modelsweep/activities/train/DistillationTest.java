package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The distillation loss on the engine against the formula computed in plain Java, in doubles. */
class DistillationTest {

  @Test
  void lossMatchesPlainJava() {
    int rows = 7;
    int classes = 5;
    Random random = new Random(42);
    float[] student = new float[rows * classes];
    float[] teacher = new float[rows * classes];
    long[] labels = new long[rows];
    for (int i = 0; i < student.length; i++) {
      student[i] = (float) (random.nextGaussian() * 3);
      teacher[i] = (float) (random.nextGaussian() * 3);
    }
    for (int r = 0; r < rows; r++) {
      labels[r] = random.nextInt(classes);
    }
    for (double[] ta : new double[][] {{1, 0.5}, {4, 0.9}, {2.5, 0}, {8, 1}}) {
      double t = ta[0];
      double alpha = ta[1];
      float[] engine;
      try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
        NDArray s = manager.create(student, new Shape(rows, classes));
        NDArray tl = manager.create(teacher, new Shape(rows, classes));
        NDArray y = manager.create(labels, new Shape(rows, 1));
        engine = new Distillation(teacher, t, alpha).loss(s, y, tl).toFloatArray();
      }
      for (int r = 0; r < rows; r++) {
        double[] ps = softmax(student, r, classes, t);
        double[] pt = softmax(teacher, r, classes, t);
        double kl = 0;
        for (int c = 0; c < classes; c++) {
          kl += pt[c] * (Math.log(pt[c]) - Math.log(ps[c]));
        }
        double ce = -Math.log(softmax(student, r, classes, 1)[(int) labels[r]]);
        double expected = alpha * t * t * kl + (1 - alpha) * ce;
        assertEquals(expected, engine[r], 1e-5 * Math.max(1, Math.abs(expected)), "row " + r + " T " + t + " alpha " + alpha);
      }
    }
  }

  private static double[] softmax(float[] logits, int row, int classes, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits[row * classes + c] / t);
    }
    double[] out = new double[classes];
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      out[c] = Math.exp(logits[row * classes + c] / t - max);
      sum += out[c];
    }
    for (int c = 0; c < classes; c++) {
      out[c] /= sum;
    }
    return out;
  }
}
