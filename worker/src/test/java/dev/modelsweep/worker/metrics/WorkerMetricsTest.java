package dev.modelsweep.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's {@code /metrics}, scraped over HTTP after a real sweep: the SDK's metrics and ModelSweep's. */
class WorkerMetricsTest {

  @TempDir Path dir;

  @Test
  void metricsEndpointServesTheSdksAndModelSweepsMetrics() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        WorkerMetrics metrics = WorkerMetrics.serve(0);
        SweepClient client = SweepClient.connect(
            ConnectionOptions.newBuilder().setTarget(server.target()).build(), metrics.scope());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir).setTrainingSlots(2).build())) {
      SweepResult result = client.start(SpecParser.parse("""
          {"name": "metrics", "seed": 3, "dataset": "iris", "model": {"family": "mlp", "width": 8},
           "training": {"epochs": 6, "batchSize": 16}, "optimizer": {"type": "adam", "learningRate": 0.05},
           "search": {"strategy": "random", "trials": 3, "maxConcurrent": 2, "space": {
             "model.width": {"type": "choice", "values": [4, 8, 16]}}}}
          """)).result();
      assertEquals(3, result.trials().size());
      Thread.sleep(2500); // the SDK's scope reports every second

      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(metrics.url())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      String text = response.body();
      assertTrue(text.contains("temporal_workflow_completed_total"), "the SDK's metrics:\n" + text);
      assertTrue(text.contains("temporal_activity_execution_latency_seconds"), text);
      assertEquals(3.0, sum(text, "modelsweep_trials_started_total"), text);
      assertEquals(3.0, sum(text, "modelsweep_trials_finished_total"), text);
      assertEquals(18.0, sum(text, "modelsweep_epochs_trained_total"), text);
      assertEquals(3.0, sum(text, "modelsweep_training_seconds_count"), text);
      assertTrue(sum(text, "modelsweep_training_seconds_sum") > 0, text);
      assertEquals(2.0, sum(text, "modelsweep_training_slots"), text);
      assertEquals(0.0, sum(text, "modelsweep_training_slots_busy"), text);
    }
  }

  /** The sum of a metric's samples over all its label sets. */
  private static double sum(String exposition, String metric) {
    Matcher m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? (\\S+)$").matcher(exposition);
    double total = 0;
    boolean found = false;
    while (m.find()) {
      total += Double.parseDouble(m.group(2));
      found = true;
    }
    if (!found) {
      throw new AssertionError(metric + " not served");
    }
    return total;
  }
}
