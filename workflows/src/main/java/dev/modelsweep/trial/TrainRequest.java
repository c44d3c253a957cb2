package dev.modelsweep.trial;

/**
 * Train one trial, resuming from its newest checkpoint if it has one.
 *
 * @param trial the trial's configuration
 * @param untilEpoch stop after this epoch (1-based) even if the trial has more; {@code null}
 *     trains all {@code training.epochs}. Learning-rate schedules always span all epochs, so a
 *     trial trained to epoch k and later continued ends exactly as one trained straight through.
 */
public record TrainRequest(TrialConfig trial, Integer untilEpoch) {

  public static TrainRequest full(TrialConfig trial) {
    return new TrainRequest(trial, null);
  }
}
