package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Gradient recording on the PyTorch engine, without DJL's {@code GradientCollector}: that one
 * allows a single collector per JVM (a static flag), so two trials training on two worker slots
 * would fail. libtorch's grad mode is per thread, so each training thread can record on its own.
 * PyTorch-specific by necessity; the rest of the module uses only the DJL API, but for Adam, which
 * calls libtorch's fused update.
 */
final class Autograd {

  /** Restores the thread's previous grad mode on close. */
  interface Mode extends AutoCloseable {
    @Override
    void close();
  }

  private Autograd() {}

  /**
   * Turns recording off for this thread until closed. Optimizer steps update leaf tensors in
   * place, which libtorch allows only with recording off, and evaluation must not build graphs.
   * New threads start with recording on, hence this is set explicitly.
   */
  static Mode off() {
    boolean before = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    return () -> JniUtils.setGradMode(before);
  }

  /**
   * Computes {@code loss} with recording on, back-propagates it into the parameters' gradients
   * and returns it. Gradients accumulate: call {@link #zeroGradients} after each update. Inside
   * {@code loss}, give constants as arrays that outlive the backward pass, never as a {@code
   * Number} to an NDArray op (see {@link Distillation#loss}): autograd may keep the tensor DJL
   * makes of it, whose memory is freed by the next garbage collection.
   */
  static NDArray lossAndBackward(Supplier<NDArray> loss) {
    boolean before = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    try {
      NDArray value = loss.get();
      JniUtils.backward((PtNDArray) value, (PtNDArray) value.onesLike(), false, false);
      return value;
    } finally {
      JniUtils.setGradMode(before);
    }
  }

  static void zeroGradients(Collection<Parameter> params) {
    for (Parameter p : params) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
  }
}
