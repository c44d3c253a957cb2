package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.TrainingActivitiesImpl;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.MemoryEstimate;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.BatchSize;
import dev.modelsweep.spec.DatasetSpec;
import dev.modelsweep.spec.ModelSpec;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.TrainingSpec;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrialConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How close {@link MemoryEstimate} comes to the memory a trial really takes. Each case trains one
 * epoch of digits (checkpoint included) in a JVM of its own, so nothing earlier inflates or hides
 * its peak: the child loads the engine and the data, reads its resident set, resets the kernel's
 * peak counter ({@code /proc/self/clear_refs}), trains, and reports the peak resident set
 * ({@code VmHWM}). Measured is that peak minus the resident set before training: native and heap
 * memory alike, as the machine sees it. Linux only.
 */
public final class MemoryBenchmark {

  /** One model to measure. */
  public record Case(String name, ModelSpec model, int batchSize, OptimizerSpec.Type optimizer) {}

  /**
   * One measurement.
   *
   * @param estimate bytes by {@link MemoryEstimate#total()}
   * @param measured peak resident bytes while training, above the resident set before it
   */
  public record Row(String name, long parameters, long estimate, long measured) {
    public double ratio() {
      return (double) estimate / measured;
    }
  }

  /** MLPs and CNNs from a few MiB to about a GiB of estimate. */
  public static final List<Case> CASES = List.of(
      new Case("mlp 1024x2 adam batch 64", mlp(1024, 1024), 64, OptimizerSpec.Type.ADAM),
      new Case("mlp 2048x2 sgd batch 256", mlp(2048, 2048), 256, OptimizerSpec.Type.SGD),
      new Case("mlp 4096x2 adam batch 64", mlp(4096, 4096), 64, OptimizerSpec.Type.ADAM),
      new Case("cnn 2 blocks 64 ch, dense 256, adam batch 256", cnn(2, 64, 3, List.of(256)), 256, OptimizerSpec.Type.ADAM),
      new Case("cnn 3 blocks 128 ch k5, dense 1024, momentum batch 128", cnn(3, 128, 5, List.of(1024)), 128,
          OptimizerSpec.Type.MOMENTUM));

  static final String PROBE_LINE = "memory-probe ";

  private MemoryBenchmark() {}

  /** Measures each of {@link #CASES}, in order, each in a child JVM on this JVM's class path. */
  public static List<Row> run() throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      long[] probe = probe(i);
      rows.add(new Row(CASES.get(i).name(), probe[0], probe[1], probe[3] - probe[2]));
    }
    return rows;
  }

  /** {parameters, estimate, resident before, peak resident} from the child measuring case {@code index}. */
  private static long[] probe(int index) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(List.of(java,
        "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", System.getProperty("java.class.path"),
        MemoryBenchmark.class.getName(), Integer.toString(index)))
        .redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    long[] result = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        if (line.startsWith(PROBE_LINE)) {
          String[] parts = line.substring(PROBE_LINE.length()).split(" ");
          result = new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
              Long.parseLong(parts[3])};
        }
      }
    }
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
      throw new IOException("memory probe of " + CASES.get(index).name() + " failed:\n" + String.join("\n", output));
    }
    return result;
  }

  /** The child: trains case {@code args[0]} once and prints {@value #PROBE_LINE} and its four numbers. */
  public static void main(String[] args) throws Exception {
    Case c = CASES.get(Integer.parseInt(args[0]));
    TrialConfig trial = trial(c);
    SplitDataset data = Datasets.shared().load(trial.dataset(), trial.seed());
    TrainingActivitiesImpl.loadEngine();
    MemoryEstimate estimate = MemoryEstimate.of(c.model(), data.shape(), data.classes(),
        trial.training().batchSizeOrDefault().resolve(data.train().rows()), trial.optimizer());
    Path dir = Files.createTempDirectory("modelsweep-memory");
    try {
      System.gc();
      long before = status("VmRSS:");
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      new TrialTrainer(new ArtifactStore(dir), Datasets.shared()).train(TrainRequest.full(trial), EpochListener.NONE);
      long peak = status("VmHWM:");
      System.out.println(PROBE_LINE + estimate.parameters() + " " + estimate.total() + " " + before + " " + peak);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static TrialConfig trial(Case c) {
    return new TrialConfig("bench-memory", "t000", 0, Map.of(), 1L, DatasetSpec.builtin("digits"), c.model(),
        new TrainingSpec(1, BatchSize.of(c.batchSize()), 1, null),
        new OptimizerSpec(c.optimizer(), null, null, null, null, null, null, null, null), null, null);
  }

  /** A line of {@code /proc/self/status} in bytes, e.g. {@code VmHWM:} (the kernel gives kB). */
  private static long status(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).replace("kB", "").strip()) * 1024;
      }
    }
    throw new IOException("no " + key + " in /proc/self/status (the memory benchmark needs Linux)");
  }

  private static ModelSpec mlp(int... widths) {
    return new ModelSpec(ModelSpec.Family.MLP, java.util.Arrays.stream(widths).boxed().toList(), null, null, null,
        null, null, null, null, null, null, null);
  }

  private static ModelSpec cnn(int blocks, int channels, int kernel, List<Integer> dense) {
    return new ModelSpec(ModelSpec.Family.CNN, null, null, null, null, null, null, blocks, channels, kernel, null, dense);
  }
}
