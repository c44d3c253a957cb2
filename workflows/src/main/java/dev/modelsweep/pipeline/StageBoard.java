package dev.modelsweep.pipeline;

import java.time.Duration;

/**
 * What a running stage may tell the pipeline beside its output: a note on what it decided, shown
 * as the stage's {@code reason}, and a wait for a person's decision, during which the stage is
 * {@code waiting}. Called from workflow code only.
 */
public interface StageBoard {

  /**
   * A person's answer to a waiting gate, or the timeout's.
   *
   * @param approved true for {@code approve}
   * @param reason the rejection's reason as given, or what happened ({@code approved}, {@code no
   *     decision within ...})
   */
  record Decision(boolean approved, String reason) {}

  /** Shows {@code note} as the stage's reason once it completes. */
  void note(String stageId, String note);

  /**
   * Marks the stage {@code waiting} with {@code why} until an Update decides it or {@code timeout}
   * passes, which counts as a rejection.
   */
  Decision awaitDecision(String stageId, String why, Duration timeout);
}
