package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepListing;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists sweeps and pipelines, running and finished, through Temporal's visibility. */
@Command(
    mixinStandardHelpOptions = true,
    name = "list", description = "List sweeps and pipelines with their state and best metric, newest first.")
final class ListCommand implements Callable<Integer> {

  @Mixin TargetOptions target;

  @Option(names = "--json", description = "Print a JSON array of {id, kind, status, state, name, strategy, "
      + "metric, best, trialsDone, started, closed}.")
  boolean json;

  @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    try (SweepClient client = target.connect()) {
      List<SweepListing> sweeps = client.list(limit);
      if (json) {
        System.out.println(SweepPrinter.json(sweeps));
        return 0;
      }
      System.out.printf(Locale.ROOT, "%-36s %-8s %-10s %-7s %6s  %-24s %s%n",
          "id", "kind", "state", "strategy", "trials", "best", "started");
      for (SweepListing s : sweeps) {
        System.out.printf(Locale.ROOT, "%-36s %-8s %-10s %-7s %6s  %-24s %s%n",
            s.id(), s.kind(), s.state(), orDash(s.strategy()), s.trialsDone() == null ? "-" : s.trialsDone(),
            s.best() == null ? "-" : String.format(Locale.ROOT, "%s %.4f", s.metric(), s.best()), s.started());
      }
      return 0;
    }
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
