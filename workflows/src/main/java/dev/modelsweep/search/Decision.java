package dev.modelsweep.search;

import java.util.Map;

/** What the {@link TrialScheduler} tells the sweep to do next. */
public sealed interface Decision {

  /** Start trial {@code index} with {@code params} and train it up to {@code untilEpoch}. */
  record Start(int index, Map<String, Object> params, int untilEpoch) implements Decision {}

  /**
   * Continue trial {@code index} to {@code untilEpoch}: it resumes from its checkpoint, so no epoch
   * is trained twice.
   */
  record Continue(int index, int untilEpoch) implements Decision {}

  /** Stop trial {@code index} where it is: it is evaluated at the epoch it reached. */
  record Stop(int index, String reason) implements Decision {}

  /**
   * No answer for trial {@code index} yet: it waits, without a slot, to be judged after earlier
   * trials or to continue when a slot frees ({@link TrialScheduler.Order#TRIAL}).
   */
  record Hold(int index) implements Decision {}

  /** Nothing can start now; ask again when a running trial reports or ends. */
  record Wait() implements Decision {}

  /** No trial will start again; the sweep ends when the running ones have. */
  record Done() implements Decision {}
}
