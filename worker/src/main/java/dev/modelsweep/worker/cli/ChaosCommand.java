package dev.modelsweep.worker.cli;

import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.worker.chaos.ChaosHarness;
import dev.modelsweep.worker.chaos.PipelineChaos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Kills workers mid-sweep or mid-pipeline and shows that nothing is lost. */
@Command(
    mixinStandardHelpOptions = true,
    name = "chaos",
    description = "Run SPEC (a sweep or a pipeline) undisturbed, then again while its worker process is "
        + "killed (SIGKILL) at seeded random moments and restarted; print what each kill cost and compare.")
final class ChaosCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec or pipeline (JSON file).")
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
    // A malformed pipeline exits 2 here, before anything starts.
    Optional<PipelineSpec> pipeline = PipelineFile.readLocal(spec);
    Path root = artifacts != null ? artifacts : Files.createTempDirectory("modelsweep-chaos");
    // The roots dev gives its worker: a worker's defaults and the spec file's folder. (Not a
    // training config: that spares this JVM loading PyTorch to count GPUs.)
    List<Path> dataRoots = WorkerConfig.newBuilder().setTraining(false)
        .setDataRoots(WorkerOptions.rootsFromEnv(System.getenv(WorkerOptions.DATA_ROOTS_ENV)))
        .addDataRoot(spec.toAbsolutePath().normalize().getParent())
        .build().dataRoots();
    if (pipeline.isPresent()) {
      if (workers != 1 || store != null) {
        throw new ParameterException(new CommandLine(this),
            "--workers and --store: the pipeline chaos mode runs one worker on the artifact folder; drop them");
      }
      return pipeline(pipeline.get(), root, dataRoots);
    }
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
    printKills(r.kills());
    System.out.printf(Locale.ROOT, "trials planned %d, completed %d, duplicated %d, lost %d%n",
        r.planned(), r.completed(), r.duplicated(), r.lost());
    printTargets(r.maxEpochsLost(), r.checkpointEvery(), r.maxResumeSeconds(), r.heartbeatTimeoutSeconds());
    System.out.printf(Locale.ROOT, "leaderboard identical to the undisturbed run: %s%n",
        r.identicalLeaderboard() ? "yes" : "NO");
    return verdict(r.ok(), r.calmSeconds(), r.chaosSeconds(), root);
  }

  private int pipeline(PipelineSpec pipeline, Path root, List<Path> dataRoots) throws Exception {
    PipelineChaos.Report r = PipelineChaos.run(
        PipelineChaos.withHeartbeatTimeout(pipeline, heartbeatTimeout), kills, seed, root, dataRoots);
    System.out.printf(Locale.ROOT,
        "chaos: pipeline %s, %d kills (seed %d), checkpoint every %d epochs (at least), heartbeat timeout %d s%n",
        r.pipeline(), r.kills().size(), r.seed(), r.checkpointEvery(), r.heartbeatTimeoutSeconds());
    printKills(r.kills());
    System.out.printf(Locale.ROOT, "stages %d, completed %d, repeated %d, lost %d%s%n", r.stages(), r.completed(),
        r.repeated().size(), r.lost(), r.repeated().isEmpty() ? "" : " (repeated: " + String.join(", ", r.repeated()) + ")");
    System.out.printf(Locale.ROOT, "trials trained twice: %d%n", r.duplicatedTrials());
    printTargets(r.maxEpochsLost(), r.checkpointEvery(), r.maxResumeSeconds(), r.heartbeatTimeoutSeconds());
    System.out.printf(Locale.ROOT, "outputs identical to the undisturbed run: %s%n", r.identicalOutputs() ? "yes" : "NO");
    r.differences().forEach(d -> System.out.println("  " + d));
    return verdict(r.ok(), r.calmSeconds(), r.chaosSeconds(), root);
  }

  /** The table of kills; a pipeline's trials are named {@code <stage>/<trial>}. */
  private static void printKills(List<ChaosHarness.Kill> kills) {
    int width = Math.max(6, kills.stream().map(k -> k.trial() == null ? 1 : k.trial().length()).max(Integer::compare).orElse(6));
    String row = "%-4s %7s %-" + width + "s %6s %13s %12s %16s%n";
    System.out.printf(Locale.ROOT, row, "kill", "at_s", "trial", "epoch", "resumed_from", "epochs_lost", "resumed_after_s");
    for (ChaosHarness.Kill k : kills) {
      System.out.printf(Locale.ROOT, row,
          k.number(), String.format(Locale.ROOT, "%.1f", k.atSeconds()), k.trial() == null ? "-" : k.trial(),
          orDash(k.epochReached()), orDash(k.resumedFromEpoch()), orDash(k.epochsLost()),
          k.resumedAfterSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", k.resumedAfterSeconds()));
    }
  }

  private static void printTargets(int maxEpochsLost, int checkpointEvery, double maxResumeSeconds, int heartbeat) {
    System.out.printf(Locale.ROOT, "max epochs lost per kill: %d (target <= %d)%n", maxEpochsLost, checkpointEvery);
    System.out.printf(Locale.ROOT, "max kill-to-resumed-training: %.1f s (target <= %d s)%n", maxResumeSeconds, heartbeat + 5);
  }

  private static int verdict(boolean ok, double calmSeconds, double chaosSeconds, Path root) {
    System.out.printf(Locale.ROOT, "undisturbed %.1f s, with kills %.1f s; artifacts in %s%n", calmSeconds, chaosSeconds, root);
    System.out.println(ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
  }

  private static String orDash(Integer n) {
    return n == null ? "-" : n.toString();
  }
}
