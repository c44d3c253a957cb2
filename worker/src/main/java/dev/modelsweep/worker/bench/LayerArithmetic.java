package dev.modelsweep.worker.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products a network's dense and convolution layers cost, counted from their shapes.
 * Everything else (bias, activations, pooling, softmax, optimizer) is left out: it is the
 * overhead the benchmark exposes, not arithmetic libtorch must do anyway.
 *
 * <p>A dense layer of {@code in -> out} units on {@code b} rows is the product {@code [b, in] x
 * [in, out]}; a convolution is counted as its im2col product {@code [b*h*w, c_in*k*k] x
 * [c_in*k*k, c_out]} over its {@code h*w} output positions. Backward adds the weight gradient
 * {@code [out, b] x [b, in]} and the input gradient {@code [b, out] x [out, in]}, except for the
 * first layer, whose input gradient nothing needs.
 *
 * @param layers the dense and convolution layers, input first
 */
record LayerArithmetic(List<Layer> layers) {

  /**
   * One layer as a matrix product per example.
   *
   * @param positions output positions per example: 1 for a dense layer, {@code h*w} for a
   *     convolution
   * @param in the shared dimension: input units, or {@code c_in*k*k}
   * @param out output units or channels
   */
  record Layer(long positions, long in, long out) {}

  /**
   * One matrix product {@code [m, k] x [k, n]}.
   *
   * @param m rows of the result
   * @param k the shared dimension
   * @param n columns of the result
   */
  record Gemm(long m, long k, long n) {

    /** Multiply-adds count as two operations. */
    double flops() {
      return 2.0 * m * k * n;
    }
  }

  /**
   * Walks the children of {@code net} in order from one example's shape.
   *
   * @param net a sequential block as {@code ModelFactory} builds it
   * @param example one example's shape, without the batch dimension
   */
  static LayerArithmetic of(Block net, Shape example) {
    List<Layer> layers = new ArrayList<>();
    Shape in = new Shape(1).addAll(example);
    for (Block child : net.getChildren().values()) {
      Shape out = child.getOutputShapes(new Shape[] {in})[0];
      if (child instanceof Linear) {
        layers.add(new Layer(1, in.get(in.dimension() - 1), out.get(out.dimension() - 1)));
      } else if (child instanceof Convolution conv) {
        layers.add(new Layer(out.slice(2).size(), in.get(1) * conv.getKernelShape().size(), out.get(1)));
      }
      in = out;
    }
    return new LayerArithmetic(List.copyOf(layers));
  }

  /** The forward products of a batch of {@code rows}. */
  List<Gemm> forward(long rows) {
    return layers.stream().map(l -> new Gemm(rows * l.positions(), l.in(), l.out())).toList();
  }

  /** The forward and backward products of one training step on {@code rows}. */
  List<Gemm> train(long rows) {
    List<Gemm> all = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      long m = rows * l.positions();
      all.add(new Gemm(m, l.in(), l.out()));
      all.add(new Gemm(l.out(), m, l.in()));
      if (i > 0) {
        all.add(new Gemm(m, l.out(), l.in()));
      }
    }
    return all;
  }

  /** Floating-point operations of {@code products}. */
  static double flops(List<Gemm> products) {
    return products.stream().mapToDouble(Gemm::flops).sum();
  }
}
