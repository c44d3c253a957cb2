package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.chaos.ChaosHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kills workers mid-sweep and shows that nothing is lost. */
@Command(
    mixinStandardHelpOptions = true,
    name = "chaos",
    description = "Run SPEC undisturbed, then again while its worker process is killed (SIGKILL) "
        + "at seeded random moments and restarted; print what each kill cost and compare.")
final class ChaosCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (JSON file).")
  Path spec;

  @Option(names = "--kills", defaultValue = "5", description = "Kills (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill moments (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--heartbeat-timeout", defaultValue = "5",
      description = "training.heartbeatTimeoutSeconds for both runs: how fast a kill is noticed "
          + "(default: ${DEFAULT-VALUE}).")
  int heartbeatTimeout;

  @Option(names = "--artifacts", description = "Artifact root (default: a new temporary folder); with "
      + "--workers over 1, each worker gets a folder of its own under it.")
  Path artifacts;

  @Option(names = "--workers", defaultValue = "1",
      description = "Worker processes, one training slot each; a kill hits the one training, and its "
          + "replacement starts with an empty folder. Over 1 needs --store (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--store", paramLabel = "s3://BUCKET/PREFIX",
      description = "The store every worker gets (worker --store), reached through the AWS environment "
          + "variables of this process (default: none, the artifact folder).")
  String store;

  @Override
  public Integer call() throws Exception {
    Path root = artifacts != null ? artifacts : Files.createTempDirectory("modelsweep-chaos");
    // The roots dev gives its worker: a worker's defaults and the spec file's folder. (Not a
    // training config: that spares this JVM loading PyTorch to count GPUs.)
    List<Path> dataRoots = WorkerConfig.newBuilder().setTraining(false)
        .setDataRoots(WorkerOptions.rootsFromEnv(System.getenv(WorkerOptions.DATA_ROOTS_ENV)))
        .addDataRoot(spec.toAbsolutePath().normalize().getParent())
        .build().dataRoots();
    ChaosHarness.Workers cluster;
    try {
      cluster = new ChaosHarness.Workers(workers, store, Map.of());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(new CommandLine(this), e.getMessage());
    }
    ChaosHarness.Report r = ChaosHarness.run(
        ChaosHarness.withHeartbeatTimeout(SpecFile.readLocal(spec), heartbeatTimeout), kills, seed, root, dataRoots,
        cluster);
    System.out.printf(Locale.ROOT,
        "chaos: %s, %d kills (seed %d), checkpoint every %d epochs, heartbeat timeout %d s, %d worker(s)%s%n",
        r.sweep(), r.kills().size(), r.seed(), r.checkpointEvery(), r.heartbeatTimeoutSeconds(), workers,
        store == null ? "" : ", store " + store);
    System.out.printf(Locale.ROOT, "%-4s %7s %-6s %6s %13s %12s %16s%n",
        "kill", "at_s", "trial", "epoch", "resumed_from", "epochs_lost", "resumed_after_s");
    for (ChaosHarness.Kill k : r.kills()) {
      System.out.printf(Locale.ROOT, "%-4d %7.1f %-6s %6s %13s %12s %16s%n",
          k.number(), k.atSeconds(), k.trial() == null ? "-" : k.trial(), orDash(k.epochReached()),
          orDash(k.resumedFromEpoch()), orDash(k.epochsLost()),
          k.resumedAfterSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", k.resumedAfterSeconds()));
    }
    System.out.printf(Locale.ROOT, "trials planned %d, completed %d, duplicated %d, lost %d%n",
        r.planned(), r.completed(), r.duplicated(), r.lost());
    System.out.printf(Locale.ROOT, "max epochs lost per kill: %d (target <= %d)%n",
        r.maxEpochsLost(), r.checkpointEvery());
    System.out.printf(Locale.ROOT, "max kill-to-resumed-training: %.1f s (target <= %d s)%n",
        r.maxResumeSeconds(), r.heartbeatTimeoutSeconds() + 5);
    System.out.printf(Locale.ROOT, "leaderboard identical to the undisturbed run: %s%n",
        r.identicalLeaderboard() ? "yes" : "NO");
    System.out.printf(Locale.ROOT, "undisturbed %.1f s, with kills %.1f s; artifacts in %s%n",
        r.calmSeconds(), r.chaosSeconds(), root);
    System.out.println(r.ok() ? "PASS" : "FAIL");
    return r.ok() ? 0 : 1;
  }

  private static String orDash(Integer n) {
    return n == null ? "-" : n.toString();
  }
}
