package dev.modelsweep.worker.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.model.ModelFactory;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How close training gets to the arithmetic it cannot avoid: per model, optimizer and batch size,
 * the measured epoch time against the time its matrix products take at the matmul throughput
 * libtorch reaches through DJL on the same shapes, in one run, on the calling thread.
 *
 * <p>An epoch is what a trial's {@code train_seconds / epochs} counts: every training step plus
 * scoring the validation split. Its arithmetic is the forward and backward products of every
 * training row plus the forward products of every validation row ({@link LayerArithmetic}). The
 * epoch time is the median of the epochs after the first (which warms up) and before the last
 * (which writes the checkpoint).
 *
 * <p>Times are the calling thread's CPU time, as well as wall-clock time for the epochs: with one
 * PyTorch thread every op runs on the calling thread, so CPU time is what the work costs even
 * when other processes share the cores, and the ratio stays comparable between a busy and a quiet
 * machine. On a quiet machine the two agree.
 */
public final class TrainingBenchmark {

  /** The models measured, with the data each trains on. */
  public enum Model {
    /** MLP 16-256-128-26 on letter, 12,000 training rows. */
    MLP("""
        {"name": "bench-train-mlp", "seed": 0,
         "dataset": {"name": "letter", "validationFraction": 0.2, "testFraction": 0.2},
         "model": {"family": "mlp", "hiddenLayers": [256, 128], "activation": "relu"}}
        """),
    /** The model of {@code samples/sweeps/digits-cnn.json} on digits. */
    CNN("""
        {"name": "bench-train-cnn", "seed": 3, "dataset": "digits",
         "model": {"family": "cnn", "convBlocks": 2, "channels": 8, "kernel": 3, "pooling": "max",
                   "dense": [32]}}
        """);

    private final String spec;

    Model(String spec) {
      this.spec = spec;
    }

    /** The sweep spec whose base model and data this model trains on. */
    public SweepSpec spec() {
      return SpecParser.parse(spec);
    }
  }

  /**
   * One measured configuration.
   *
   * @param label model and data, e.g. {@code mlp 16-256-128-26 letter}
   * @param steps updates per epoch
   * @param gflop the epoch's arithmetic, in 10^9 floating-point operations
   * @param gflops matmul throughput on this configuration's shapes, in 10^9 operations per CPU
   *     second of the calling thread
   * @param epoch seconds per epoch
   */
  public record Row(String label, String optimizer, int batch, int steps, double gflop, double gflops,
      EpochTime epoch) {

    /** Seconds the epoch's arithmetic takes at {@link #gflops}. */
    public double arithmeticSeconds() {
      return gflop / gflops;
    }

    /** Epoch CPU time over arithmetic time: 1 would be no overhead at all. */
    public double ratio() {
      return epoch.cpu() / arithmeticSeconds();
    }
  }

  /**
   * Medians of an epoch's duration.
   *
   * @param cpu CPU seconds of the training thread
   * @param wall wall-clock seconds
   */
  public record EpochTime(double cpu, double wall) {}

  /** Optimizers measured, by their {@code optimizer.type} name. */
  public static final List<String> OPTIMIZERS = List.of("sgd", "adam");

  /** Batch sizes measured. */
  public static final List<Integer> BATCHES = List.of(32, 128);

  /** Seconds each matmul throughput measurement runs at least. */
  private static final double MATMUL_SECONDS = 0.3;

  private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

  private TrainingBenchmark() {}

  /** Default of {@code run}'s {@code warmup}: untimed epochs per configuration. */
  public static final int DEFAULT_WARMUP = 5;

  /**
   * Measures every model, optimizer and batch size, reporting each row as it is done.
   *
   * @param epochs epochs per configuration, at least 3
   * @param warmup untimed epochs each configuration trains before its model's are timed, at least 0
   * @param artifacts a scratch folder for checkpoints
   */
  public static List<Row> run(List<Model> models, int epochs, int warmup, Path artifacts, Consumer<Row> progress)
      throws IOException {
    requireEpochs(epochs);
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup: " + warmup + " must be at least 0 (0 times a cold JVM)");
    }
    TrialTrainer trainer = new TrialTrainer(new ArtifactStore(artifacts));
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (Model model : models) {
      SweepSpec spec = model.spec();
      SplitDataset data = Datasets.shared().load(spec.dataset(), spec.seedOrDefault());
      Network net = ModelFactory.build(spec.model(), data.shape(), data.classes());
      LayerArithmetic arithmetic = LayerArithmetic.of(net.block(), net.exampleShape());
      double gflop = (LayerArithmetic.flops(arithmetic.train(1)) * data.train().rows()
          + LayerArithmetic.flops(arithmetic.forward(1)) * data.validation().rows()) / 1e9;
      String label = label(model, data, arithmetic);
      List<Configuration> configurations = new ArrayList<>();
      for (String optimizer : OPTIMIZERS) {
        for (int batch : BATCHES) {
          configurations.add(new Configuration(spec, index++, label, optimizer, batch,
              (data.train().rows() + batch - 1) / batch, gflop, arithmetic.train(batch)));
        }
      }
      for (Configuration c : configurations) {
        if (warmup > 0) {
          trainer.train(TrainRequest.full(c.trial("bench-train-warmup", warmup)), EpochListener.NONE);
        }
      }
      for (Configuration c : configurations) {
        double gflops = matmulGflops(c.products());
        EpochTime time = epochTime(trainer, c.trial("bench-train", epochs));
        Row row = new Row(c.label(), c.optimizer(), c.batch(), c.steps(), c.gflop(), gflops, time);
        rows.add(row);
        progress.accept(row);
      }
    }
    return rows;
  }

  /** One row to measure: a model with its data, an optimizer and a batch size. */
  private record Configuration(SweepSpec spec, int index, String label, String optimizer, int batch, int steps,
      double gflop, List<LayerArithmetic.Gemm> products) {

    /** The trial that trains this configuration for {@code epochs}, checkpointing only at the end. */
    TrialConfig trial(String sweep, int epochs) {
      return TrialConfigs.resolve(spec, sweep, index, Map.of("optimizer.type", optimizer, "training.batchSize", batch,
          "training.epochs", epochs, "training.checkpointEvery", epochs));
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code epochs} leaves one epoch to time between the
   *     first and the last
   */
  public static void requireEpochs(int epochs) {
    if (epochs < 3) {
      throw new IllegalArgumentException("--epochs: " + epochs + " must be at least 3 (one to warm up, one timed, "
          + "one that writes the checkpoint)");
    }
  }

  /** Median times of the epochs between the first and the last. */
  static EpochTime epochTime(TrialTrainer trainer, TrialConfig trial) throws IOException {
    List<long[]> ends = new ArrayList<>();
    EpochListener timer = (EpochMetrics metrics, String checkpoint) ->
        ends.add(new long[] {THREAD.getCurrentThreadCpuTime(), System.nanoTime()});
    trainer.train(TrainRequest.full(trial), timer);
    return new EpochTime(medianGap(ends, 0), medianGap(ends, 1));
  }

  private static double medianGap(List<long[]> ends, int clock) {
    double[] gaps = new double[ends.size() - 2];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = (ends.get(i + 1)[clock] - ends.get(i)[clock]) / 1e9;
    }
    Arrays.sort(gaps);
    return gaps.length % 2 == 1 ? gaps[gaps.length / 2] : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
  }

  /**
   * libtorch's matmul throughput through DJL on {@code products}, in 10^9 operations per second:
   * all of them in turn, repeated for at least {@link #MATMUL_SECONDS} of the calling thread's CPU
   * time after one warm-up round.
   */
  static double matmulGflops(List<LayerArithmetic.Gemm> products) {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray[]> operands = new ArrayList<>();
      for (LayerArithmetic.Gemm g : products) {
        operands.add(new NDArray[] {
            manager.randomUniform(-1, 1, new Shape(g.m(), g.k())),
            manager.randomUniform(-1, 1, new Shape(g.k(), g.n()))});
      }
      multiplyAll(operands);
      long rounds = 0;
      long start = THREAD.getCurrentThreadCpuTime();
      long elapsed;
      do {
        multiplyAll(operands);
        rounds++;
        elapsed = THREAD.getCurrentThreadCpuTime() - start;
      } while (elapsed < MATMUL_SECONDS * 1e9);
      return LayerArithmetic.flops(products) * rounds / elapsed;
    }
  }

  private static void multiplyAll(List<NDArray[]> operands) {
    for (NDArray[] ab : operands) {
      ab[0].matMul(ab[1]).close();
    }
  }

  /** {@code mlp 16-256-128-26 letter}: the model, its layer widths and its data. */
  static String label(Model model) throws IOException {
    SweepSpec spec = model.spec();
    SplitDataset data = Datasets.shared().load(spec.dataset(), spec.seedOrDefault());
    Network net = ModelFactory.build(spec.model(), data.shape(), data.classes());
    return label(model, data, LayerArithmetic.of(net.block(), net.exampleShape()));
  }

  private static String label(Model model, SplitDataset data, LayerArithmetic arithmetic) {
    return model.name().toLowerCase(Locale.ROOT) + " " + shapeLabel(data, arithmetic) + " " + data.name();
  }

  /** {@code 16-256-128-26} for an MLP; the convolutions' channels then the dense units for a CNN. */
  private static String shapeLabel(SplitDataset data, LayerArithmetic arithmetic) {
    StringBuilder s = new StringBuilder(data.isImage() ? "c" + data.shape().get(0) : Long.toString(
        arithmetic.layers().get(0).in()));
    for (LayerArithmetic.Layer layer : arithmetic.layers()) {
      s.append('-').append(layer.out());
    }
    return s.toString();
  }
}
