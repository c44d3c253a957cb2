package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.OptimizationBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench transfer}: target test accuracy with transfer against the same network from scratch. */
@Command(
    mixinStandardHelpOptions = true,
    name = "transfer",
    description = "Transfer learning on MNIST: a source trained on digits 0-4, a target on digits 5-9 with 100 "
        + "training rows per class, trained from scratch, from the source's first layers frozen, and from them "
        + "fine-tuned at 0.1 x the head's rate; test error of each, per seed and family.")
final class BenchTransferCommand implements Callable<Integer> {

  @Mixin BenchOptimizeOptions options;

  @Option(names = "--model", split = ",", defaultValue = "MLP,CNN",
      description = "Families: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  List<OptimizationBenchmark.Family> families;

  @Option(names = "--keep-layers", defaultValue = "1",
      description = "Layers (MLP) or blocks (CNN) taken from the source, or 0 for all of them (default: ${DEFAULT-VALUE}).")
  int keepLayers;

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "transfer: MNIST %d rows per task, source %d epochs, target %d, keepLayers %s, %d seed(s)%n",
        options.limit, options.epochs, 2 * options.epochs, keepLayers == 0 ? "all" : keepLayers, options.seeds);
    System.out.printf(Locale.ROOT, "%-6s %4s %10s %11s %10s %10s%n", "model", "seed", "source_acc", "scratch_err",
        "frozen_err", "tuned_err");
    List<OptimizationBenchmark.TransferRow> rows = new ArrayList<>();
    options.run(b -> b.transfer(families, keepLayers == 0 ? null : keepLayers, row -> {
      rows.add(row);
      System.out.printf(Locale.ROOT, "%-6s %4d %10.4f %11.4f %10.4f %10.4f%n", row.family().name().toLowerCase(Locale.ROOT),
          row.seed(), row.source(), 1 - row.scratch(), 1 - row.frozen(), 1 - row.tuned());
    }));
    for (OptimizationBenchmark.Family family : families) {
      List<OptimizationBenchmark.TransferRow> mine = rows.stream().filter(r -> r.family() == family).toList();
      System.out.printf(Locale.ROOT, "%-6s %4s %10.4f %11.4f %10.4f %10.4f%n", family.name().toLowerCase(Locale.ROOT),
          "mean", mean(mine.stream().mapToDouble(OptimizationBenchmark.TransferRow::source).toArray()),
          1 - mean(mine.stream().mapToDouble(OptimizationBenchmark.TransferRow::scratch).toArray()),
          1 - mean(mine.stream().mapToDouble(OptimizationBenchmark.TransferRow::frozen).toArray()),
          1 - mean(mine.stream().mapToDouble(OptimizationBenchmark.TransferRow::tuned).toArray()));
    }
    System.out.println("*_err: target test error (digits 5-9); source_acc: the source's test accuracy (digits 0-4)");
    return 0;
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }
}
