package dev.modelsweep.search;

import java.util.Optional;

/**
 * How long trials train: where each one next reports to the scheduler, and whether it goes on
 * from there. Implementations are deterministic and keep no state of their own; what they learn
 * lives in the {@link Rungs} the scheduler hands them and carries across continue-as-new.
 */
public interface EarlyStopping {

  /**
   * The epoch at which trial {@code index}, now at {@code epoch}, next reports.
   *
   * @param epoch epochs it has trained (0 before it starts)
   * @param epochs its last epoch
   * @return an epoch in {@code (epoch, epochs]}; {@code epochs} when nothing will stop it sooner
   */
  int nextReport(int index, int epoch, int epochs);

  /**
   * Judges trial {@code index} at {@code epoch}, where its objective is {@code loss} (lower is
   * better), and records the value in {@code rungs} for the trials that come after it.
   *
   * @return why it stops here; empty when it goes on
   */
  Optional<String> judge(int index, int epoch, double loss, Rungs rungs);

  /**
   * Whether judging trial {@code index} compares it with trial {@code other}'s reports: the
   * scheduler waits for earlier trials it is compared with. All trials, unless overridden.
   */
  default boolean comparesWith(int index, int other) {
    return true;
  }
}
