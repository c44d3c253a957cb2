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
    description = "Knowledge distillation on MNIST: a teacher, and a student trained alone and distilled "
        + "from it, same seeds; test error of each.")
final class BenchDistillCommand implements Callable<Integer> {

  @Mixin BenchOptimizeOptions options;

  @Option(names = "--teacher", paramLabel = "MODEL",
      defaultValue = "{\"family\": \"cnn\", \"convBlocks\": 2, \"channels\": 32, \"dense\": [128], \"dropout\": 0.2}",
      description = "The teacher's model section, as a sweep spec writes it (default: ${DEFAULT-VALUE}).")
  String teacher;

  @Option(names = "--student", paramLabel = "MODEL",
      defaultValue = "{\"family\": \"cnn\", \"convBlocks\": 2, \"channels\": 8, \"dense\": [32]}",
      description = "The student's model section; at most a tenth of the teacher's parameters for the "
          + "issue's target (default: ${DEFAULT-VALUE}).")
  String student;

  @Option(names = "--student-epochs",
      description = "Epochs of each student, alone and distilled (default: twice --epochs).")
  Integer studentEpochs;

  @Option(names = "--temperature", defaultValue = "4", description = "T (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--alpha", defaultValue = "0.5", description = "Weight of the teacher's term (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Override
  public Integer call() throws Exception {
    int epochs = studentEpochs != null ? studentEpochs : 2 * options.epochs;
    System.out.printf(Locale.ROOT, "distill: MNIST %d rows, %d seed(s), T %.1f, alpha %.2f%n",
        options.limit, options.seeds, temperature, alpha);
    System.out.printf(Locale.ROOT, "  teacher %s, %d epochs%n  student %s, %d epochs%n",
        teacher, options.epochs, student, epochs);
    System.out.printf(Locale.ROOT, "%4s %11s %9s %13s %14s %9s %9s%n", "seed", "teacher_err", "alone_err",
        "distilled_err", "kept_of_teacher", "t_params", "s_params");
    List<OptimizationBenchmark.DistillRow> rows = new ArrayList<>();
    OptimizationBenchmark.Distillation setup =
        new OptimizationBenchmark.Distillation(teacher, student, epochs, temperature, alpha);
    options.run(b -> b.distill(setup, row -> {
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
