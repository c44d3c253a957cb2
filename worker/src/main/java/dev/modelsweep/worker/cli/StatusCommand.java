package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Says whether a sweep is running, completed or failed (and why). */
@Command(
    mixinStandardHelpOptions = true,
    name = "status", description = "Print running, completed or failed (with the reason).")
final class StatusCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "Sweep or pipeline id.")
  String id;

  @Mixin TargetOptions target;

  @Option(names = "--json", description = "Print {id, status, failure, progress} (a pipeline: {status, failure, stages}).")
  boolean json;

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

  @Override
  public Integer call() {
    try (SweepClient client = target.connect()) {
      if (PipelineCommands.isPipeline(client, id)) {
        return json ? PipelineCommands.results(client, id, true, System.out) : PipelineCommands.status(client, id, System.out);
      }
      SweepStatus status = client.handle(id).status();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("status", status.state().name().toLowerCase(Locale.ROOT));
        doc.put("failure", status.failure());
        doc.put("progress", status.running() ? client.handle(id).progress(QUERY_TIMEOUT).orElse(null) : null);
        System.out.println(SweepPrinter.json(doc));
        return status.state() == SweepStatus.State.FAILED ? 1 : 0;
      }
      System.out.println(status);
      if (status.running()) {
        System.out.println(client.handle(id).progress(QUERY_TIMEOUT)
            .map(SweepPrinter::progressLine)
            .orElse("(no worker answered within " + QUERY_TIMEOUT.toSeconds() + " s: are the workers up?)"));
      }
      return status.state() == SweepStatus.State.FAILED ? 1 : 0;
    }
  }
}
