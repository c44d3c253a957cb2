package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The distillation loss, {@code alpha * T^2 * KL(softmax(teacher / T) || softmax(student / T)) +
 * (1 - alpha) * CE(labels)} per row, with the teacher's logits on the train split.
 *
 * @param teacherLogits {@code [rows * classes]} row-major, in the train split's order
 * @param temperature T
 * @param alpha weight of the teacher's term
 */
record Distillation(float[] teacherLogits, double temperature, double alpha) {

  /** The teacher's logits as a {@code [rows, classes]} array in {@code manager}. */
  NDArray onEngine(NDManager manager, int rows) {
    return manager.create(teacherLogits, new Shape(rows, teacherLogits.length / rows));
  }

  /**
   * Per-row losses, {@code [rows, 1]}: the teacher's term from {@code teacher} (rows gathered like
   * {@code labels}) and the labels' cross-entropy. The T^2 factor keeps the soft term's gradient
   * on the scale of the hard one's as T changes.
   */
  NDArray loss(NDArray logits, NDArray labels, NDArray teacher) {
    float t = (float) temperature;
    NDArray soft = teacher.div(t);
    NDArray teacherLog = soft.logSoftmax(1);
    NDArray kl = teacherLog.exp().mul(teacherLog.sub(logits.div(t).logSoftmax(1))).sum(new int[] {1}, true);
    return kl.mul((float) (alpha * temperature * temperature)).add(Losses.nll(logits, labels).mul((float) (1 - alpha)));
  }
}
