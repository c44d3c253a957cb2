package dev.modelsweep.workflow;

/**
 * The sweep's answer to a {@link TrialReport}: train on to {@code untilEpoch}, or stop.
 *
 * @param untilEpoch the epoch to train to next; unused when stopping
 * @param stopReason why the trial stops where it is (it is evaluated there); null to go on
 */
public record TrialDecision(int untilEpoch, String stopReason) {

  static TrialDecision continueTo(int epoch) {
    return new TrialDecision(epoch, null);
  }

  static TrialDecision stop(String reason) {
    return new TrialDecision(0, reason);
  }
}
