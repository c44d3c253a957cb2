package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.bench.SearchBenchmark;
import dev.modelsweep.worker.bench.SearchProtocol;
import dev.modelsweep.worker.bench.SearchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelsweep bench search}: see {@link SearchBenchmark}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "search",
    description = "Search strategies at equal epoch budget with real training: test accuracy of the trial best on "
        + "validation at 25, 50 and 100%% of the budget, the share of the budget and the wall seconds needed to reach "
        + "random search's median final, and wall seconds in all. Prints a table and writes bench-search-DATASET.json and .md.")
final class BenchSearchCommand implements Callable<Integer> {

  @Option(names = "--combos", defaultValue = "random,tpe,gp,random+asha,tpe+asha,tpe+hyperband", split = ",",
      description = "Strategies, or STRATEGY+EARLY_STOPPING (default: ${DEFAULT-VALUE}).")
  List<String> combos;

  @Option(names = "--seeds", defaultValue = "0-4", description = "Seeds: a list and ranges, such as 0-4 or 1,3,7 (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--dataset", defaultValue = "letter", description = "Protocol: letter or digits (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--budget", description = "Epoch budget per sweep (default: the protocol's, 810 for letter, 400 for digits).")
  Integer budget;

  @Option(names = "--slots", defaultValue = "1", description = "Training slots, and trials at once (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--target", description = "Test accuracy that the share and seconds columns measure against "
      + "(default: random's median final in this run), such as 0.9618 to compare --slots 1 and 2 of one combination.")
  Double target;

  @Option(names = "--out", defaultValue = "runs", description = "Folder for the JSON and Markdown tables (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    SearchProtocol protocol = SearchProtocol.named(dataset);
    if (budget != null) {
      protocol = protocol.withBudget(budget);
    }
    List<Long> seedList = parseSeeds(seeds);
    Path artifacts = Files.createTempDirectory("modelsweep-bench-search");
    try {
      List<SearchBenchmark.Run> runs =
          SearchBenchmark.run(protocol, combos, seedList, slots, artifacts, System.err::println);
      List<SearchBenchmark.Summary> rows = SearchBenchmark.summarize(runs,
          target == null ? OptionalDouble.empty() : OptionalDouble.of(target));
      String md = SearchReport.markdown(protocol, seedList, slots, target, rows);
      System.out.print(md);
      Files.createDirectories(out);
      Path json = out.resolve("bench-search-" + protocol.dataset() + ".json");
      Files.writeString(json, SearchReport.json(protocol, seedList, slots, runs, rows));
      Files.writeString(out.resolve("bench-search-" + protocol.dataset() + ".md"), md);
      System.out.println("written: " + json + " and .md");
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(artifacts)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** {@code "0-4"}, {@code "1,3,7"} or both, such as {@code "0-2,9"}. */
  static List<Long> parseSeeds(String text) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      try {
        int dash = p.indexOf('-', 1);
        if (dash < 0) {
          out.add(Long.parseLong(p));
        } else {
          long from = Long.parseLong(p.substring(0, dash));
          long to = Long.parseLong(p.substring(dash + 1));
          if (to < from || to - from > 1000) {
            throw new IllegalArgumentException("--seeds: range '" + p + "' must go up, by at most 1000 seeds");
          }
          for (long s = from; s <= to; s++) {
            out.add(s);
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--seeds: '" + p + "' is not a seed or a range FROM-TO, such as 0-4");
      }
    }
    return List.copyOf(out);
  }
}
