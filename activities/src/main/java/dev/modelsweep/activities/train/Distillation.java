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
   *
   * <p>T and the two weights enter as arrays of {@code logits}' manager (so of the caller's {@code
   * NDScope}, which closes after the backward pass), never through DJL's {@code NDArray.div(Number)}
   * and the like: those wrap the number in a tensor over a Java buffer and drop it as the op
   * returns, while autograd keeps that tensor for the backward pass, which then read freed memory
   * whenever a garbage collection ran in between (a student's weights depended on GC timing).
   */
  NDArray loss(NDArray logits, NDArray labels, NDArray teacher) {
    NDManager manager = logits.getManager();
    NDArray t = manager.create((float) temperature);
    NDArray softWeight = manager.create((float) (alpha * temperature * temperature));
    NDArray hardWeight = manager.create((float) (1 - alpha));
    NDArray teacherLog = teacher.div(t).logSoftmax(1);
    NDArray kl = teacherLog.exp().mul(teacherLog.sub(logits.div(t).logSoftmax(1))).sum(new int[] {1}, true);
    return kl.mul(softWeight).add(Losses.nll(logits, labels).mul(hardWeight));
  }
}
