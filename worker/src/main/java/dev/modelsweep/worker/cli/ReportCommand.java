package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.console.ReportWriter;
import dev.modelsweep.worker.console.SweepViews;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One self-contained HTML file with the console's views of a sweep or pipeline. */
@Command(
    mixinStandardHelpOptions = true,
    name = "report", description = "Write a sweep's or pipeline's console views as one HTML file that opens "
        + "offline, and print its path.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "Sweep or pipeline id.")
  String id;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "The HTML file (default: ID.html in the working directory, / in the id read as -).")
  Path output;

  @Mixin ArtifactsOption artifacts;

  @Mixin TargetOptions target;

  @Override
  public Integer call() throws Exception {
    try (SweepClient client = target.connect()) {
      Path file = output != null ? output : Path.of(id.replace('/', '-') + ".html");
      System.out.println(ReportWriter.write(new SweepViews(client, new ArtifactStore(artifacts.artifacts)).of(id, true), file));
      return 0;
    }
  }
}
