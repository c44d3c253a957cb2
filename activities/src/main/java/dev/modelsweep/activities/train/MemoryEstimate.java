package dev.modelsweep.activities.train;

import dev.modelsweep.activities.OutOfMemoryException;
import dev.modelsweep.activities.optim.Optimizers;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.OptimizerSpec;
import java.util.List;
import java.util.Locale;

/**
 * The memory a trial needs while it trains, worked out from its model, data shape, batch size and
 * optimizer before anything is allocated, so that a worker can refuse a trial that would not fit
 * instead of dying in the middle of it. All sizes are bytes of 32-bit floats.
 *
 * <ul>
 *   <li>{@code weights}: every parameter, batch-norm running statistics included;
 *   <li>{@code gradients}: one per trainable parameter;
 *   <li>{@code optimizerSlots}: the optimizer's state arrays ({@link Optimizers#slotsPerParameter});
 *   <li>{@code updateTemporaries}: arrays a step creates and frees when it ends: the gradient
 *       that backward adds into the kept one, 2 in the update plus one per slot, 2 more with weight
 *       decay;
 *   <li>{@code activations}: each layer's output at the batch size, and a convolution's input
 *       patches, kept for the backward pass, times {@value #ACTIVATION_COPIES} (value, saved copy,
 *       gradient);
 *   <li>{@code checkpointBuffers}: JVM heap while a checkpoint and the model file are written: the
 *       weights and the optimizer state as bytes, {@value #CHECKPOINT_COPIES} copies. Five are alive
 *       at once (the arrays, the payload, its copy, the file and its copy); as many again are the
 *       copies made on the way (each array's own encoding, a growing buffer's old half) that the
 *       collector has not reclaimed by the peak.
 * </ul>
 *
 * The first five live in native (libtorch) memory, the last in the JVM heap. The factors were
 * checked against measured peaks with {@code modelsweep bench memory} (the README has the table).
 *
 * @param parameters every weight of the network, trainable or not
 * @param trainable the parameters that get gradients and optimizer state
 */
public record MemoryEstimate(
    long parameters,
    long trainable,
    long weights,
    long gradients,
    long optimizerSlots,
    long updateTemporaries,
    long activations,
    long checkpointBuffers,
    String widestField) {

  static final int FLOAT_BYTES = 4;
  static final int ACTIVATION_COPIES = 3;
  static final int CHECKPOINT_COPIES = 10;
  static final int LIVE_CHECKPOINT_COPIES = 5;

  /** What everything together needs. */
  public long total() {
    return weights + gradients + optimizerSlots + updateTemporaries + activations + checkpointBuffers;
  }

  /**
   * The estimate for a model built by {@link dev.modelsweep.activities.model.ModelFactory} from
   * {@code model} for examples of {@code dataShape} and {@code classes} outputs.
   */
  public static MemoryEstimate of(
      ModelSpec model, List<Integer> dataShape, int classes, int batchSize, OptimizerSpec optimizer) {
    Layers layers = new Layers(model.batchNormOrDefault(), model.dropoutOrDefault() > 0);
    String widest;
    if (model.family() == ModelSpec.Family.CNN && dataShape.size() == 3) {
      int channels = dataShape.get(0);
      int h = dataShape.get(1);
      int w = dataShape.get(2);
      int k = model.kernelOrDefault();
      for (int out : model.blockChannels()) {
        // PatchConv2d's patch matrix: kept for the backward pass, which makes its gradient and
        // a reordered copy of that. Counted twice (so six copies in all): measured peaks grew by
        // about that much when convolutions became patches times weights (bench memory).
        layers.outputs += 2L * k * k * channels * h * w;
        layers.layer((long) k * k * channels * out, out, (long) out * h * w);
        if (model.poolingOrDefault() != ModelSpec.Pooling.NONE && h >= 2 && w >= 2) {
          h /= 2;
          w /= 2;
          layers.outputs += (long) out * h * w;
        }
        channels = out;
      }
      layers.dense((long) channels * h * w, model.denseOrDefault(), classes);
      widest = "model.channels or model.dense";
    } else {
      long features = dataShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
      layers.dense(features, model.hiddenWidths(), classes);
      widest = model.hiddenLayers() != null ? "model.hiddenLayers" : "model.width";
    }
    int slots = Optimizers.slotsPerParameter(optimizer);
    int temporaries = 3 + slots + (optimizer.weightDecayOrDefault() != 0 ? 2 : 0);
    long trainableBytes = layers.trainable * FLOAT_BYTES;
    long weights = layers.parameters * FLOAT_BYTES;
    long input = (long) batchSize * dataShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
    return new MemoryEstimate(
        layers.parameters,
        layers.trainable,
        weights,
        trainableBytes,
        slots * trainableBytes,
        temporaries * trainableBytes,
        (input + ACTIVATION_COPIES * (long) batchSize * layers.outputs) * FLOAT_BYTES,
        CHECKPOINT_COPIES * (weights + slots * trainableBytes),
        widest);
  }

  /**
   * Refuses a trial over the budget.
   *
   * @param maxBytes the worker's {@code --max-memory}
   * @param maxHeapBytes the JVM's maximum heap, which the checkpoint buffers must fit in
   * @throws OutOfMemoryException naming the estimate, the limit and what to lower
   */
  public void check(long maxBytes, long maxHeapBytes) {
    String lower = "; lower " + widestField + " (" + String.format(Locale.ROOT, "%,d", parameters)
        + " parameters), training.batchSize, or pick an optimizer with less state (sgd keeps none)";
    if (total() > maxBytes) {
      throw new OutOfMemoryException("the trial needs about " + bytes(total()) + " (" + parts()
          + "), over this worker's --max-memory of " + bytes(maxBytes) + lower
          + "; or give the worker a larger --max-memory if the machine has it");
    }
    // Against the heap only what is alive at once counts: the collector reclaims the rest first.
    long liveHeap = checkpointBuffers / CHECKPOINT_COPIES * LIVE_CHECKPOINT_COPIES;
    if (liveHeap > maxHeapBytes) {
      throw new OutOfMemoryException("the trial's checkpoints need about " + bytes(liveHeap)
          + " of JVM heap, over the worker's maximum heap of " + bytes(maxHeapBytes) + lower
          + "; or start the worker with a larger -Xmx (JAVA_TOOL_OPTIONS)");
    }
  }

  /** The parts, largest kept in their listed order, e.g. {@code "weights 1.0 GiB, gradients 1.0 GiB, ..."}. */
  public String parts() {
    return "weights " + bytes(weights) + ", gradients " + bytes(gradients) + ", optimizer slots "
        + bytes(optimizerSlots) + ", update temporaries " + bytes(updateTemporaries) + ", activations "
        + bytes(activations) + ", checkpoint buffers " + bytes(checkpointBuffers);
  }

  /** {@code n} bytes in binary units with one decimal, e.g. {@code 1.5 GiB}. */
  public static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Counts parameters and per-example layer outputs as layers are added. */
  private static final class Layers {
    private final boolean batchNorm;
    private final boolean dropout;
    long parameters;
    long trainable;
    long outputs;

    Layers(boolean batchNorm, boolean dropout) {
      this.batchNorm = batchNorm;
      this.dropout = dropout;
    }

    /** A linear or conv layer of {@code weights} plus {@code units} biases, with norm and activation. */
    void layer(long weights, long units, long outputsPerExample) {
      parameters += weights + units;
      trainable += weights + units;
      if (batchNorm) {
        parameters += 4 * units; // gamma, beta, running mean, running variance
        trainable += 2 * units;
        outputs += outputsPerExample;
      }
      outputs += 2 * outputsPerExample; // the layer, its activation
      if (dropout) {
        outputs += outputsPerExample;
      }
    }

    /** Hidden layers of {@code widths} after {@code in} inputs, then the output layer. */
    void dense(long in, List<Integer> widths, int classes) {
      long from = in;
      for (int w : widths) {
        layer(from * w, w, w);
        from = w;
      }
      parameters += from * classes + classes;
      trainable += from * classes + classes;
      outputs += classes;
    }
  }
}
