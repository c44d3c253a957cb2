package dev.modelsweep.worker.cli;

import dev.modelsweep.activityapi.TrainingActivities;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.metrics.WorkerMetrics;
import dev.modelsweep.workflow.SweepWorkflow;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A worker process: run as many as there are machines to train on. */
@Command(
    mixinStandardHelpOptions = true,
    name = "worker", description = "Run a worker until stopped.")
final class WorkerCommand implements Callable<Integer> {

  @Mixin TargetOptions target;
  @Mixin WorkerOptions worker;

  @Option(names = "--only", description = "Poll only `workflows` or only `training` (default: both).")
  String only;

  @Override
  public Integer call() throws Exception {
    WorkerConfig.Builder builder = worker.builder();
    if (only != null) {
      switch (only) {
        case "workflows" -> builder.setTraining(false);
        case "training" -> builder.setWorkflows(false);
        default -> throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--only: expected workflows or training, got " + only);
      }
    }
    WorkerConfig config = builder.build();
    if (config.training()) {
      SweepFolder.requireArtifactRoot(config.artifactRoot());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (WorkerMetrics metrics = worker.metrics();
        SweepClient client = target.connect(metrics);
        SweepWorker worker = SweepWorker.start(client.workflowClient(), config)) {
      if (metrics != null) {
        System.out.println("metrics at " + metrics.url());
      }
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.printf("worker polling %s%s at %s (namespace %s), %d training slot(s), artifacts in %s%s%n",
          config.workflows() ? SweepWorkflow.TASK_QUEUE + " " : "",
          config.training() ? TrainingActivities.TASK_QUEUE : "",
          target.target, target.namespace, config.trainingSlots(), config.artifactRoot(),
          config.workflows() && !worker.stickyQueues() ? "; no sticky workflow cache (in-memory service)" : "");
      stopped.await();
    }
    return 0;
  }
}
