package dev.modelsweep.samples;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a sweep from Java code with the client API, waits for it and prints the winner.
 *
 * <pre>
 * ./modelsweep server &amp;  ./modelsweep worker &amp;
 * mvn -q -pl samples exec:java -Dexec.mainClass=dev.modelsweep.samples.RunSweepFromCode \
 *     -Dexec.args="samples/sweeps/iris-grid.json 127.0.0.1:7233"
 * </pre>
 */
public final class RunSweepFromCode {

  private RunSweepFromCode() {}

  public static void main(String[] args) throws IOException {
    Path spec = Path.of(args.length > 0 ? args[0] : "samples/sweeps/iris-grid.json");
    String target = args.length > 1 ? args[1] : ConnectionOptions.DEFAULT_TARGET;
    SweepResult result = run(ConnectionOptions.newBuilder().setTarget(target).build(), spec);
    TrialResult best = result.best();
    System.out.printf("sweep %s: %d trials, best %s with validation accuracy %.4f, params %s%n",
        result.sweepId(), result.trials().size(), best.id(), best.metric(Metrics.VAL_ACCURACY),
        best.params());
  }

  /** Starts the sweep described by {@code spec} and waits for its leaderboard. */
  public static SweepResult run(ConnectionOptions connection, Path spec) throws IOException {
    try (SweepClient client = SweepClient.connect(connection)) {
      SweepHandle sweep = client.start(SpecParser.parse(Files.readString(spec)));
      System.out.println("started " + sweep.id() + "; follow it with: modelsweep watch " + sweep.id());
      return sweep.result();
    }
  }
}
