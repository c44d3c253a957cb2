package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.OptimizationBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench distill}: a small student trained alone against the same student distilled. */
@Command(
    mixinStandardHelpOptions = true,
    name = "distill",
    description = "Knowledge distillation on MNIST: a teacher MLP 784-512-256-10 and a student 784-N-10 "
        + "trained alone and distilled, same seeds; test error of each.")
final class BenchDistillCommand implements Callable<Integer> {

  @Mixin BenchOptimizeOptions options;

  @Option(names = "--student-width", defaultValue = "64",
      description = "Hidden units of the student 784-N-10; 64 or fewer keep it under a tenth of the teacher (default: ${DEFAULT-VALUE}).")
  int studentWidth;

  @Option(names = "--temperature", defaultValue = "4", description = "T (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--alpha", defaultValue = "0.5", description = "Weight of the teacher's term (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "distill: MNIST %d rows, teacher %d epochs, students 784-%d-10 %d epochs, T %.1f, alpha %.2f, %d seed(s)%n",
        options.limit, options.epochs, studentWidth, 2 * options.epochs, temperature, alpha, options.seeds);
    System.out.printf(Locale.ROOT, "%4s %11s %9s %13s %14s %9s %9s%n", "seed", "teacher_err", "alone_err",
        "distilled_err", "kept_of_teacher", "t_params", "s_params");
    List<OptimizationBenchmark.DistillRow> rows = new ArrayList<>();
    options.run(b -> b.distill(studentWidth, temperature, alpha, row -> {
      rows.add(row);
      print(String.valueOf(row.seed()), row.teacher(), row.alone(), row.distilled(), row.teacherParams(),
          row.studentParams());
    }));
    if (!rows.isEmpty()) {
      print("mean", BenchTransferCommand.mean(rows.stream().mapToDouble(OptimizationBenchmark.DistillRow::teacher).toArray()),
          BenchTransferCommand.mean(rows.stream().mapToDouble(OptimizationBenchmark.DistillRow::alone).toArray()),
          BenchTransferCommand.mean(rows.stream().mapToDouble(OptimizationBenchmark.DistillRow::distilled).toArray()),
          rows.get(0).teacherParams(), rows.get(0).studentParams());
    }
    System.out.println("*_err: test error; kept_of_teacher: distilled test accuracy / teacher's");
    return 0;
  }

  private static void print(String seed, double teacher, double alone, double distilled, long tp, long sp) {
    System.out.printf(Locale.ROOT, "%4s %11.4f %9.4f %13.4f %14.4f %9d %9d%n", seed, 1 - teacher, 1 - alone,
        1 - distilled, distilled / teacher, tp, sp);
  }
}
