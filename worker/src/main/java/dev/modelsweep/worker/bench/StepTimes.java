package dev.modelsweep.worker.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a sweep's time went, read from the service's own timestamps in the histories of the sweep
 * and its trials: each step is the time between the event that asks for something and the event
 * that records it happening, summed over every workflow.
 */
public final class StepTimes {

  /**
   * Steps in the order they are printed. The in-memory service stamps a workflow task's start when
   * it completes, so its queue wait and its run (replay included) are one step.
   */
  static final List<String> STEPS = List.of(
      "child workflow start", "workflow task (queued + run, replay included)", "activity dispatch",
      "activity run: train", "activity run: evaluate", "activity run: once per sweep (data check, save)",
      "signal delivery");

  private final Map<String, Double> millis = new LinkedHashMap<>();

  StepTimes() {
    STEPS.forEach(step -> millis.put(step, 0.0));
  }

  /** Adds the steps of one workflow's history. */
  void add(WorkflowExecutionHistory history) {
    Map<Long, HistoryEvent> byId = new HashMap<>();
    long lastScheduledTask = -1;
    for (HistoryEvent e : history.getEvents()) {
      byId.put(e.getEventId(), e);
      if (e.hasWorkflowTaskScheduledEventAttributes()) {
        lastScheduledTask = e.getEventId(); // one workflow task at a time per workflow
      }
      if (e.hasChildWorkflowExecutionStartedEventAttributes()) {
        since(byId, e.getChildWorkflowExecutionStartedEventAttributes().getInitiatedEventId(), e, STEPS.get(0));
      } else if (e.hasWorkflowTaskCompletedEventAttributes()) {
        since(byId, lastScheduledTask, e, STEPS.get(1));
      } else if (e.hasActivityTaskStartedEventAttributes()) {
        since(byId, e.getActivityTaskStartedEventAttributes().getScheduledEventId(), e, STEPS.get(2));
      } else if (e.hasActivityTaskCompletedEventAttributes()) {
        long scheduled = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
        String type = byId.get(scheduled).getActivityTaskScheduledEventAttributes().getActivityType().getName();
        String step = type.equalsIgnoreCase("train") ? STEPS.get(3)
            : type.equalsIgnoreCase("evaluate") ? STEPS.get(4) : STEPS.get(5);
        since(byId, e.getActivityTaskCompletedEventAttributes().getStartedEventId(), e, step);
      } else if (e.hasExternalWorkflowExecutionSignaledEventAttributes()) {
        since(byId, e.getExternalWorkflowExecutionSignaledEventAttributes().getInitiatedEventId(), e, STEPS.get(6));
      }
    }
  }

  /** Milliseconds spent in {@code step}, over every history added. */
  public double millis(String step) {
    return millis.get(step);
  }

  /** Milliseconds activities ran (training, evaluation, the sweep's own steps), not waited for. */
  public double activityMillis() {
    return millis.get(STEPS.get(3)) + millis.get(STEPS.get(4)) + millis.get(STEPS.get(5));
  }

  private void since(Map<Long, HistoryEvent> byId, long startId, HistoryEvent end, String step) {
    HistoryEvent start = byId.get(startId);
    if (start != null) {
      millis.merge(step, millisBetween(start.getEventTime(), end.getEventTime()), Double::sum);
    }
  }

  private static double millisBetween(Timestamp from, Timestamp to) {
    return (to.getSeconds() - from.getSeconds()) * 1e3 + (to.getNanos() - from.getNanos()) / 1e6;
  }
}
