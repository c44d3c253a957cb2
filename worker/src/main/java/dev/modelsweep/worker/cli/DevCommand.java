package dev.modelsweep.worker.cli;

import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.console.ConsoleServer;
import dev.modelsweep.worker.metrics.WorkerMetrics;
import dev.modelsweep.workflow.SweepResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Everything in one process: the embedded service (or, with {@code --target}, an existing one), a
 * worker and one sweep, start to finish.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "dev",
    description = "Run a sweep or a pipeline on an embedded Temporal service with an in-process "
        + "worker and show the leaderboard (or the stage table) at the end.")
final class DevCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
      description = "Sweep spec or pipeline (JSON file); not needed with --resume.")
  Path spec;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Run the sweep whose folder this is (e.g. runs/digits-random-3f2a9c1e) again, "
          + "with its own spec and id: finished trials are reused, interrupted ones resume from "
          + "their checkpoints.")
  Path resume;

  @Mixin WorkerOptions worker;

  @Option(names = "--port", defaultValue = "0",
      description = "Port of the embedded service on 127.0.0.1 (default: any free port).")
  int port;

  @Option(names = "--console-port", paramLabel = "N",
      description = "Also serve the web console on http://127.0.0.1:N/ while the sweep runs (0: any free port).")
  Integer consolePort;

  @Option(names = "--id", description = "Sweep id (default: the spec's name and a random suffix).")
  String id;

  @Option(names = "--target",
      description = "Use this Temporal service instead of starting the embedded one (host:port).")
  String target;

  @Option(names = "--namespace", defaultValue = "default",
      description = "Namespace, with --target (default: ${DEFAULT-VALUE}).")
  String namespace;

  /** With --target only: the embedded service is plaintext on 127.0.0.1. */
  @Mixin TargetOptions.Tls tls;

  /**
   * The SDK logs every failed activity attempt and failed workflow with a stack trace. A worker's
   * operator wants those; in {@code dev} they bury the progress bar under traces of what the
   * leaderboard and the last line already say (a trial failed and why, the sweep failed and why).
   * Set {@code -Dmodelsweep.log.LOGGER=warn} to see them.
   */
  private static final List<String> SDK_FAILURE_LOGGERS = List.of(
      "io.temporal.internal.activity",
      "io.temporal.internal.sync.WorkflowExecutionHandler");

  @Override
  public Integer call() throws Exception {
    for (String logger : SDK_FAILURE_LOGGERS) {
      LogLevels.defaultTo(logger, "error");
    }
    if (spec == null && resume == null) {
      throw new ParameterException(command.commandLine(), "give a SPEC file, or --resume DIR to rerun a sweep's folder");
    }
    if (spec != null && resume != null) {
      throw new ParameterException(command.commandLine(), "give a SPEC file or --resume DIR, not both");
    }
    if (resume != null) {
      SweepFolder.requireIntact(resume);
    }
    Path specFile = resume != null ? resume.resolve(SweepFolder.SPEC_FILE) : spec;
    Optional<PipelineSpec> pipeline = resume != null ? Optional.empty() : PipelineFile.readLocal(specFile);
    SweepSpec sweepSpec = pipeline.isPresent() ? null
        : resume != null ? SpecFile.read(specFile) : SpecFile.readLocal(specFile);
    String sweepId = resume != null ? sweepIdOf(resume) : id;
    WorkerConfig.Builder builder = worker.builder();
    if (resume != null) {
      builder.setArtifactRoot(resume.toAbsolutePath().normalize().getParent());
    }
    // The spec is the user's own file: data next to it is theirs to read. A rerun may read again
    // what its first run read; the recorded spec holds those files' absolute paths.
    builder.addDataRoot(specFile.toAbsolutePath().normalize().getParent());
    if (resume != null) {
      SpecFile.absoluteDataFolders(sweepSpec).forEach(builder::addDataRoot);
    }
    WorkerConfig config = builder.build();
    SweepFolder.requireArtifactRoot(config.artifactRoot());
    if (target == null && !tls.typed().isEmpty()) {
      throw new ParameterException(command.commandLine(), String.join(", ", tls.typed())
          + ": only with --target; the embedded service serves plaintext on 127.0.0.1");
    }
    ConnectionOptions.Builder connection = ConnectionOptions.newBuilder().setNamespace(namespace);
    try (WorkerMetrics metrics = worker.metrics();
        EmbeddedTemporal temporal = target == null ? EmbeddedTemporal.start(port) : null;
        SweepClient client = temporal != null
            ? SweepClient.connect(connection.setTarget(temporal.target()).build(), metrics == null ? null : metrics.scope())
            : tls.connect(tls.connection(connection.setTarget(target)), metrics);
        SweepWorker ignored = SweepWorker.start(client.workflowClient(), config);
        ConsoleServer console = consolePort == null ? null
            : ConsoleServer.start(client, config.artifactRoot(), consolePort)) {
      if (console != null) {
        System.out.println("console at " + console.url());
      }
      if (metrics != null) {
        System.out.println("metrics at " + metrics.url());
      }
      String where = temporal == null ? "Temporal at " + target : "embedded Temporal at " + temporal.target();
      if (pipeline.isPresent()) {
        int code = PipelineCommands.dev(client, pipeline.get(), id,
            config.trainingSlots() + " training slot(s), " + where,
            SweepWorker.registry(config), System.out);
        if (console != null) {
          System.out.println("console still at " + console.url() + "; Ctrl-C to stop");
          Shutdown.await();
        }
        return code;
      }
      String sweepIdToUse = sweepId != null ? sweepId : SweepClient.newSweepId(sweepSpec.name());
      SweepFolder.claim(config.artifactRoot(), sweepIdToUse, sweepSpec);
      SweepHandle sweep = client.start(sweepSpec, sweepIdToUse);
      System.out.printf("sweep %s: %d training slot(s), %s%n", sweep.id(), config.trainingSlots(), where);
      SweepResult result = Watcher.follow(sweep, System.out);
      System.out.println();
      SweepPrinter.leaderboard(System.out, result.trials(), result.paretoFront());
      System.out.println();
      System.out.println("results: " + result.artifacts());
      if (console != null) {
        System.out.println("console still at " + console.url() + "; Ctrl-C to stop");
        Shutdown.await();
      }
      return 0;
    }
  }

  /** The sweep a folder holds, by its name (see {@link ArtifactLayout#sweepIdOf}). */
  private String sweepIdOf(Path folder) {
    try {
      return ArtifactLayout.sweepIdOf(folder.toAbsolutePath().normalize().getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--resume " + folder + ": " + e.getMessage());
    }
  }
}
