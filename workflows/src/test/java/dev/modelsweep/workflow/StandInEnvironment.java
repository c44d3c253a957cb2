package dev.modelsweep.workflow;

import dev.modelsweep.activityapi.TrainingActivities;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test: the in-memory Temporal service running the real workflows, with {@link
 * StandInActivities} in place of DJL training. Register with {@code @RegisterExtension}.
 */
final class StandInEnvironment implements BeforeEachCallback, AfterEachCallback {

  private final IntToLongFunction trainMillis;
  TestWorkflowEnvironment env;
  StandInActivities activities;

  /** @param trainMillis how long each stand-in train call takes */
  StandInEnvironment(long trainMillis) {
    this(index -> trainMillis);
  }

  /** @param trainMillis how long each stand-in train call of the trial with this index takes */
  StandInEnvironment(IntToLongFunction trainMillis) {
    this.trainMillis = trainMillis;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    env = TestWorkflowEnvironment.newInstance();
    SweepSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    WorkflowRegistration.register(env.newWorker(SweepWorkflow.TASK_QUEUE));
    activities = new StandInActivities(trainMillis);
    env.newWorker(TrainingActivities.TASK_QUEUE).registerActivitiesImplementations(activities);
    env.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    env.close();
  }
}
