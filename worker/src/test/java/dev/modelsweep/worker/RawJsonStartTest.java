package dev.modelsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.SweepResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts sweeps the way the Temporal Web UI does: one payload, encoding {@code json/plain},
 * holding whatever the user typed. Good input runs; bad input fails the workflow at once with a
 * message that names the problem, and never leaves it hanging in Running.
 */
class RawJsonStartTest {

  private static final String IRIS =
      """
      {"name": "iris-ui", "seed": 3, "dataset": "iris",
       "model": {"family": "mlp", "hiddenLayers": [8]},
       "training": {"epochs": 20, "batchSize": "full"},
       "optimizer": {"type": "adam", "learningRate": 0.05},
       "search": {"strategy": "grid", "space": {"model.width": {"type": "choice", "values": [4, 8]}}}}
      """;

  @RegisterExtension final SweepTestEnvironment env = new SweepTestEnvironment();

  @Test
  void validSpecTypedIntoTheUiRuns() throws Exception {
    String id = env.startRaw(IRIS);
    SweepResult result =
        env.temporal.getWorkflowClient().newUntypedWorkflowStub(id)
            .getResult(120, TimeUnit.SECONDS, SweepResult.class);
    assertEquals(2, result.trials().size());
    assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialResult.Status.COMPLETED));
  }

  @Test
  void everyEarlyStoppingTypeRunsFromRawJsonAndStopsTrials() throws Exception {
    for (String type : new String[] {"asha", "hyperband", "median"}) {
      String id = env.startRaw(
          """
          {"name": "es-ui", "seed": 3, "dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [8]},
           "training": {"epochs": 9, "batchSize": "full"}, "optimizer": {"type": "adam"},
           "search": {"strategy": "random", "trials": 6, "maxConcurrent": 2, "epochBudget": 40,
             "earlyStopping": {"type": "%s"%s}, "space": {
             "optimizer.learningRate": {"type": "float", "min": 0.00001, "max": 0.1, "log": true}}}}
          """.formatted(type, type.equals("median") ? ", \"minTrials\": 2" : ""));
      SweepResult result =
          env.temporal.getWorkflowClient().newUntypedWorkflowStub(id)
              .getResult(120, TimeUnit.SECONDS, SweepResult.class);
      assertTrue(result.epochsTrained() <= 40, type + " overran the epoch budget: " + result.epochsTrained());
      assertTrue(result.trials().stream().anyMatch(t -> t.status() == TrialResult.Status.STOPPED),
          type + " stopped no trial: " + result.trials());
    }
  }

  @Test
  void aBadEarlyStoppingOptionFailsAtOnceNamingTheField() {
    String message = env.failureOf(env.startRaw(
        """
        {"name": "bad-es", "dataset": "iris", "model": {"family": "mlp"},
         "search": {"earlyStopping": {"type": "asha", "minTrials": 3}}}
        """));
    assertTrue(message.contains("$.search.earlyStopping.minTrials: applies only to search.earlyStopping.type median"),
        message);
  }

  @Test
  void malformedJsonFailsAtOnce() {
    String message = env.failureOf(env.startRaw("{\"name\": \"broken\", \"dataset\": "));
    assertTrue(message.toLowerCase().contains("json") || message.contains("Unexpected end"), message);
  }

  @Test
  void invalidSpecFailsAtOnceWithEveryProblem() {
    String message =
        env.failureOf(env.startRaw(
            """
            {"name": "bad", "dataset": "iris", "model": {"family": "mlp", "widht": 8},
             "training": {"epochs": "ten"}}
            """));
    assertTrue(message.contains("widht"), message);
    assertTrue(message.contains("epochs"), message);
  }

  @Test
  void missingDataFileFailsAtOnceNamingTheField() {
    String missing = env.data.resolve("no-such-file.csv").toString();
    String message =
        env.failureOf(env.startRaw(
            """
            {"name": "nofile", "dataset": {"path": "%s", "format": "csv"},
             "model": {"family": "mlp"}}
            """.formatted(missing)));
    assertTrue(message.startsWith("dataset.path: no file at " + missing), message);
  }

  @Test
  void dataFileOutsideTheDataRootsFailsAtOnceNamingTheFix() {
    String message =
        env.failureOf(env.startRaw(
            """
            {"name": "escape", "dataset": {"path": "/etc/passwd", "format": "csv"},
             "model": {"family": "mlp"}}
            """));
    assertEquals("dataset.path: /etc/passwd is outside the data roots [" + env.data + "]; move the file under a"
        + " root or start the worker with --data-root DIR", message);
  }
}
