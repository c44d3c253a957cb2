package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.spec.SweepSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Starts a sweep or a pipeline and returns at once; its id is the last word printed. */
@Command(
    mixinStandardHelpOptions = true,
    name = "start", description = "Validate a sweep spec or a pipeline, start it and print its id.")
final class StartCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec or pipeline (JSON file).")
  Path spec;

  @Mixin TargetOptions target;

  @Option(names = "--id", description = "Sweep id (default: the spec's name and a random suffix).")
  String id;

  @Option(names = "--json", description = "Print {id, kind} instead of `started ID`.")
  boolean json;

  @Override
  public Integer call() {
    Optional<PipelineSpec> pipeline = PipelineFile.read(spec);
    if (pipeline.isPresent()) {
      try (SweepClient client = target.connect()) {
        print(PipelineCommands.start(client, pipeline.get(), id).id(), "pipeline");
      }
      return 0;
    }
    SweepSpec sweepSpec = SpecFile.read(spec);
    try (SweepClient client = target.connect()) {
      SweepHandle sweep = id == null ? client.start(sweepSpec) : client.start(sweepSpec, id);
      print(sweep.id(), "sweep");
    }
    return 0;
  }

  private void print(String startedId, String kind) {
    System.out.println(json ? SweepPrinter.json(Map.of("id", startedId, "kind", kind)) : "started " + startedId);
  }
}
