package dev.modelsweep.activities.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PatchConv2d} against a direct sum in double precision: outputs and the gradients of
 * input, weight and bias, for channel counts on and off the CPU's vector width (where libtorch's
 * own convolution went wrong on this project's machines).
 */
class PatchConv2dTest {

  private static final int ROWS = 16;
  private static final int SIZE = 7;

  /** One convolution's arrays and their direct-sum reference. */
  private record Case(int in, int out, int k, float[] x, float[] w, float[] b, float[] g) {

    static Case random(int in, int out, int k, long seed) {
      Random r = new Random(seed);
      return new Case(in, out, k, gaussian(r, ROWS * in * SIZE * SIZE), gaussian(r, out * in * k * k),
          gaussian(r, out), gaussian(r, ROWS * out * SIZE * SIZE));
    }

    /** {@code [y, dL/dx, dL/dw, dL/db]} for the loss {@code sum(y * g)}. */
    double[][] reference() {
      double[] y = new double[g.length];
      double[] gx = new double[x.length];
      double[] gw = new double[w.length];
      double[] gb = new double[b.length];
      int p = k / 2;
      for (int n = 0; n < ROWS; n++) {
        for (int f = 0; f < out; f++) {
          for (int oi = 0; oi < SIZE; oi++) {
            for (int oj = 0; oj < SIZE; oj++) {
              int yi = ((n * out + f) * SIZE + oi) * SIZE + oj;
              y[yi] += b[f];
              gb[f] += g[yi];
              for (int c = 0; c < in; c++) {
                for (int di = 0; di < k; di++) {
                  for (int dj = 0; dj < k; dj++) {
                    int i = oi + di - p;
                    int j = oj + dj - p;
                    if (i < 0 || i >= SIZE || j < 0 || j >= SIZE) {
                      continue;
                    }
                    int xi = ((n * in + c) * SIZE + i) * SIZE + j;
                    int wi = ((f * in + c) * k + di) * k + dj;
                    y[yi] += (double) x[xi] * w[wi];
                    gx[xi] += (double) g[yi] * w[wi];
                    gw[wi] += (double) g[yi] * x[xi];
                  }
                }
              }
            }
          }
        }
      }
      return new double[][] {y, gx, gw, gb};
    }
  }

  @ParameterizedTest(name = "{0} -> {1} channels, kernel {2}")
  @CsvSource({"1, 4, 3", "3, 5, 3", "4, 8, 3", "8, 8, 3", "16, 32, 3", "24, 24, 3", "4, 4, 5", "6, 4, 1"})
  void matchesADirectSum(int in, int out, int k) {
    Case c = Case.random(in, out, k, 31L * in + out + k);
    double[][] expected = c.reference();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      float[][] actual = run(manager, c, false);
      String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
      for (int i = 0; i < names.length; i++) {
        assertEquals(expected[i].length, actual[i].length, names[i]);
        for (int j = 0; j < expected[i].length; j++) {
          double tolerance = 1e-4 * Math.max(1, Math.abs(expected[i][j]));
          assertEquals(expected[i][j], actual[i][j], tolerance, names[i] + " at " + j);
        }
      }
    }
  }

  @Test
  void gradientsDoNotDependOnWhatFreedMemoryHeld() {
    Case c = Case.random(4, 8, 3, 7);
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      float[][] clean = run(manager, c, false);
      for (int attempt = 0; attempt < 5; attempt++) {
        float[][] dirty = run(manager, c, true);
        for (int i = 0; i < clean.length; i++) {
          assertTrue(java.util.Arrays.equals(clean[i], dirty[i]), "array " + i + " changed with NaN in freed memory");
        }
      }
    }
  }

  /** Forward and backward of {@code sum(conv(x) * g)}; with {@code poison}, NaN-filled memory is freed first. */
  private static float[][] run(NDManager parent, Case c, boolean poison) {
    try (NDManager manager = parent.newSubManager()) {
      if (poison) {
        freeNaNs(manager);
      }
      NDArray x = manager.create(c.x, new Shape(ROWS, c.in, SIZE, SIZE));
      NDArray w = manager.create(c.w, new Shape(c.out, c.in, c.k, c.k));
      NDArray b = manager.create(c.b, new Shape(c.out));
      NDArray g = manager.create(c.g, new Shape(ROWS, c.out, SIZE, SIZE));
      for (NDArray a : new NDArray[] {x, w, b}) {
        a.setRequiresGradient(true);
      }
      boolean before = JniUtils.isGradMode();
      NDArray y;
      try {
        JniUtils.setGradMode(true);
        y = PatchConv2d.convolve(x, w, b, c.k);
        NDArray loss = y.mul(g).sum();
        JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
      } finally {
        JniUtils.setGradMode(before);
      }
      return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(), w.getGradient().toFloatArray(),
          b.getGradient().toFloatArray()};
    }
  }

  /** Allocates and frees arrays of NaN of many sizes, so that later allocations may reuse that memory. */
  private static void freeNaNs(NDManager manager) {
    Random r = new Random(11);
    List<NDArray> held = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      NDArray junk = manager.full(new Shape(1 + r.nextInt(i % 3 == 0 ? 20_000 : 600)), Float.NaN);
      if (r.nextBoolean()) {
        held.add(junk);
      } else {
        junk.close();
      }
    }
    held.forEach(NDArray::close);
  }

  private static float[] gaussian(Random r, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }
}
