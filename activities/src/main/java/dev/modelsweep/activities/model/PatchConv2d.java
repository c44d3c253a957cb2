package dev.modelsweep.activities.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution with stride 1, one group and "same" padding ({@code kernel / 2} on each
 * side, for an odd kernel), computed as the product of the weights with the input's patches
 * rather than by libtorch's convolution kernel. Its parameters, their shapes and its weights
 * file are those of DJL's {@link Conv2d}, which it extends, so models saved before load alike.
 *
 * <p>Why not libtorch's kernel: libtorch 2.5.1 convolves on x86 CPUs through oneDNN 3.5.3, whose
 * kernels returned wrong values on this project's AVX-512 machines when channel counts were not
 * multiples of the vector width, and a NaN in memory its backward pass reused turned the gradient
 * into NaN (the README's "How it works" has the figures). Padding, a gather and matmul have no
 * such fault; {@code PatchConv2dTest} checks the results against a direct sum.
 *
 * <p>Cost: the patch matrix, {@code kernel^2} times the input, is kept for the backward pass
 * (which {@code MemoryEstimate} counts), and an epoch takes longer ({@code bench train}).
 */
public final class PatchConv2d extends Conv2d {

  private final int kernel;

  /**
   * @param kernel the kernel's height and width, odd
   * @param filters output channels
   */
  public PatchConv2d(int kernel, int filters) {
    super(Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .setFilters(filters));
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException("kernel " + kernel + " must be odd and at least 1");
    }
    this.kernel = kernel;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray w = parameterStore.getValue(weight, device, training);
    NDArray b = parameterStore.getValue(bias, device, training);
    return new NDList(convolve(x, w, b, kernel));
  }

  /**
   * {@code x} ({@code [n, c, h, w]}) convolved with {@code weight} ({@code [f, c, k, k]}) plus
   * {@code bias} ({@code [f]}), same padding: {@code [n, f, h, w]}.
   */
  static NDArray convolve(NDArray x, NDArray weight, NDArray bias, int k) {
    Shape in = x.getShape();
    long n = in.get(0);
    long c = in.get(1);
    int h = Math.toIntExact(in.get(2));
    int w = Math.toIntExact(in.get(3));
    long f = weight.getShape().get(0);
    long cells = (long) h * w;
    long rows = c * k * k;
    NDArray patches;
    if (k == 1) {
      patches = x.reshape(n, c, cells);
    } else {
      // One gather picks every window out of the zero-bordered image: its backward is a single
      // scatter-add, where k*k slices would each fill a zeroed image.
      int p = k / 2;
      NDArray padded = x.pad(new Shape(p, p, p, p), 0).reshape(n, c, (long) (h + 2 * p) * (w + 2 * p));
      NDArray index;
      try (NDArray fromJava = x.getManager().create(windowIndex(h, w, k))) {
        // A copy in libtorch's memory: the gather keeps its index for the backward pass, and
        // DJL frees a Java-backed array's buffer once the array is closed and collected.
        index = fromJava.duplicate();
      }
      long picks = k * k * cells;
      patches = padded.gather(index.reshape(1, 1, picks).broadcast(n, c, picks), 2).reshape(n, rows, cells);
    }
    // One [f, rows] x [rows, n * cells] product rather than n small ones. The copies that the
    // reorderings make are all the graph keeps, so the arrays they were made from are closed
    // at once instead of at the end of the step: the patch matrix is the largest array here.
    NDArray columns;
    try (NDArray byRow = patches) {
      columns = byRow.transpose(1, 0, 2).reshape(rows, n * cells);
    }
    NDArray out;
    try (NDArray product = weight.reshape(f, rows).matMul(columns)) {
      out = product.reshape(f, n, cells).transpose(1, 0, 2).reshape(n, f, h, w);
    }
    return bias == null ? out : out.add(bias.reshape(1, f, 1, 1));
  }

  /**
   * For each window offset {@code (di, dj)} and output cell {@code (i, j)}, in that order, the
   * flat position of its input cell in the {@code (h + 2p) x (w + 2p)} padded image: row {@code
   * (c, di, dj)} of the patch matrix then lines up with {@code weight[f, c, di, dj]} flattened.
   */
  static long[] windowIndex(int h, int w, int k) {
    int width = w + 2 * (k / 2);
    long[] index = new long[k * k * h * w];
    int at = 0;
    for (int di = 0; di < k; di++) {
      for (int dj = 0; dj < k; dj++) {
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            index[at++] = (long) (i + di) * width + j + dj;
          }
        }
      }
    }
    return index;
  }
}
