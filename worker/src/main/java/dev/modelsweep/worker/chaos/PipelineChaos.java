package dev.modelsweep.worker.chaos;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepStatus;
import dev.modelsweep.model.ModelReference;
import dev.modelsweep.pipeline.Operator;
import dev.modelsweep.pipeline.Operators;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.PipelineSpec;
import dev.modelsweep.pipeline.StageSpec;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.spec.Metrics;
import dev.modelsweep.worker.EmbeddedTemporal;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The chaos harness for pipelines: runs a pipeline once undisturbed, then again with the worker in
 * a separate process killed (SIGKILL) and restarted, and compares stage by stage. The kills are
 * dealt to the stages that train models ({@code sweep}, {@code train}, {@code finetune}, {@code
 * distill}) in document order, as evenly as their number allows, so that every such stage is hit
 * when there are at least as many kills as stages: each lands while a trial of its stage trains,
 * once it has finished a seeded number of epochs (at least one, and one fewer than the stage
 * trains) and a seeded fraction of the next. A kill whose stage ended before it lands goes to the
 * next stage that trains.
 */
public final class PipelineChaos {

  /**
   * The harness's table and verdicts.
   *
   * @param stages stages in the document
   * @param completed stages that completed in the disturbed run
   * @param lost stages that did not complete there
   * @param repeated stages whose work was done twice: their sweep started again, or one of their
   *     trials trained to its end twice
   * @param duplicatedTrials trials that trained to their end twice, any stage
   * @param kills each kill, its {@code trial} named {@code <stage>/<trial>}
   * @param differences stages whose output differs from the undisturbed run's (status, models by
   *     their content keys, or any metric but wall-clock timings); empty when identical
   * @param checkpointEvery the smallest {@code training.checkpointEvery} of the stages that train:
   *     no kill may cost more epochs
   */
  public record Report(
      String pipeline, long seed, int checkpointEvery, int heartbeatTimeoutSeconds, int stages, int completed,
      int lost, List<String> repeated, int duplicatedTrials, List<ChaosHarness.Kill> kills, List<String> differences,
      double calmSeconds, double chaosSeconds) {

    public boolean identicalOutputs() {
      return differences.isEmpty();
    }

    public int maxEpochsLost() {
      return ChaosHarness.maxEpochsLost(kills);
    }

    public double maxResumeSeconds() {
      return ChaosHarness.maxResumeSeconds(kills);
    }

    /** Every target met: no stage lost or repeated, the same outputs, bounded loss and delay. */
    public boolean ok() {
      return lost == 0 && repeated.isEmpty() && duplicatedTrials == 0 && identicalOutputs()
          && ChaosHarness.killsWithinTargets(kills, checkpointEvery, heartbeatTimeoutSeconds);
    }
  }

  private PipelineChaos() {}

  /** The pipeline with every embedded spec's heartbeat timeout set, so that a kill is noticed quickly. */
  public static PipelineSpec withHeartbeatTimeout(PipelineSpec pipeline, int seconds) {
    return new PipelineSpec(pipeline.name(), pipeline.seed(), pipeline.stages().stream()
        .map(s -> s.spec() == null ? s : s.withSpec(ChaosHarness.withHeartbeatTimeout(s.spec(), seconds)))
        .toList());
  }

  /**
   * Runs {@code pipeline} undisturbed, then with {@code kills} kills at moments drawn from {@code
   * seed}; artifacts of both runs go under {@code artifacts}, and the workers read data files from
   * inside {@code dataRoots} (empty: a worker's defaults).
   */
  public static Report run(PipelineSpec pipeline, int kills, long seed, Path artifacts, List<Path> dataRoots)
      throws IOException, InterruptedException, TimeoutException {
    List<String> training = pipeline.stages().stream()
        .filter(s -> Operators.find(s.operator()).orElseThrow().form().output() == Operator.Output.MODELS)
        .map(StageSpec::id).toList();
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(temporal.target()).build())) {
      PipelineClient pipelines = PipelineClient.of(client.workflowClient());
      String calmId = pipeline.name() + "-calm-" + seed;
      TrainingLog calmLog = new TrainingLog(calmId);
      long calmStart = System.nanoTime();
      PipelineResult calm;
      try (WorkerProcess worker = WorkerProcess.start(temporal.target(), artifacts, dataRoots, calmLog::accept)) {
        calm = pipelines.start(pipeline, calmId).outcome();
      }
      double calmSeconds = ChaosHarness.seconds(calmStart, System.nanoTime());

      String chaosId = pipeline.name() + "-chaos-" + seed;
      TrainingLog log = new TrainingLog(chaosId);
      Random random = new Random(seed);
      try (Killer worker = Killer.start(temporal.target(), artifacts, dataRoots, ChaosHarness.Workers.ONE, chaosId,
          log)) {
        PipelineHandle handle = pipelines.start(pipeline, chaosId);
        for (int k = 0; k < kills && !training.isEmpty(); k++) {
          int target = k * training.size() / kills;
          Set<String> wanted = training.subList(target, training.size()).stream()
              .map(id -> id + "/").collect(Collectors.toSet());
          StageSpec stage = pipeline.stage(training.get(target));
          int epochs = stage.spec().trainingOrDefault().epochsOrDefault();
          int after = 1 + random.nextInt(Math.max(1, epochs - 1));
          Predicate<String> inStage = trial -> wanted.stream().anyMatch(trial::startsWith);
          if (!ChaosHarness.awaitTraining(log, worker.lastKillOrStart(), () -> done(handle),
              (trial, epoch) -> inStage.test(trial) && epoch >= after)) {
            break; // the pipeline finished before this kill
          }
          Thread.sleep((long) (random.nextDouble() * 1000 * calmLog.epochSeconds(stage.id() + "/")));
          if (done(handle)) {
            break;
          }
          worker.kill(inStage);
        }
        PipelineResult chaos = handle.outcome();
        long chaosEnd = System.nanoTime();

        int completed = (int) chaos.stages().stream().filter(s -> s.status() == StageStatus.COMPLETED).count();
        Set<String> repeated = new TreeSet<>(startedTwice(client, chaosId));
        for (String stage : training) {
          if (!log.trainedTwice(stage + "/").isEmpty()) {
            repeated.add(stage);
          }
        }
        int checkpointEvery = pipeline.stages().stream().filter(s -> training.contains(s.id()))
            .mapToInt(s -> s.spec().trainingOrDefault().checkpointEveryOrDefault()).min().orElse(1);
        int heartbeat = pipeline.stages().stream().filter(s -> s.spec() != null)
            .mapToInt(s -> s.spec().trainingOrDefault().heartbeatTimeoutSecondsOrDefault()).max().orElse(0);
        return new Report(chaosId, seed, checkpointEvery, heartbeat, pipeline.stages().size(), completed,
            pipeline.stages().size() - completed, List.copyOf(repeated), (int) log.trainedTwice(), worker.kills(),
            differences(calm, chaos), calmSeconds, ChaosHarness.seconds(worker.startedAt(), chaosEnd));
      }
    }
  }

  /** Stages whose child workflow the pipeline started more than once (by its id, {@code <pipeline>/<stage>}). */
  private static List<String> startedTwice(SweepClient client, String pipelineId) {
    Map<String, Long> starts = client.workflowClient().fetchHistory(pipelineId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        .map(HistoryEvent::getStartChildWorkflowExecutionInitiatedEventAttributes)
        .collect(Collectors.groupingBy(a -> a.getWorkflowId(), Collectors.counting()));
    return starts.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(e -> e.getKey().substring(pipelineId.length() + 1)).toList();
  }

  /** The stages whose outputs differ, each with what differs. */
  static List<String> differences(PipelineResult calm, PipelineResult chaos) {
    Map<String, StageState> before = byId(calm.stages());
    Map<String, StageState> after = byId(chaos.stages());
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, StageState> stage : before.entrySet()) {
      StageState a = stage.getValue();
      StageState b = after.get(stage.getKey());
      if (b == null) {
        out.add(stage.getKey() + ": missing");
      } else if (a.status() != b.status()) {
        out.add(stage.getKey() + ": " + a.status() + " undisturbed, " + b.status() + " with kills");
      } else if (!reproducible(a.models()).equals(reproducible(b.models()))) {
        out.add(stage.getKey() + ": " + reproducible(a.models()) + " undisturbed, " + reproducible(b.models())
            + " with kills");
      }
    }
    return out;
  }

  /** Each model's content key and metrics but wall-clock timings: what two runs must agree on. */
  private static List<Map<String, Object>> reproducible(List<ModelReference> models) {
    return models.stream().map(m -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("key", m.key());
      m.metrics().entrySet().stream().filter(e -> !Metrics.TIMINGS.contains(e.getKey()))
          .sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    }).toList();
  }

  private static Map<String, StageState> byId(List<StageState> stages) {
    return stages.stream().collect(Collectors.toMap(StageState::id, Function.identity(), (x, y) -> x, LinkedHashMap::new));
  }

  private static boolean done(PipelineHandle handle) {
    return handle.status().state() != SweepStatus.State.RUNNING;
  }
}
