package dev.modelsweep.search;

import dev.modelsweep.spec.EarlyStoppingSpec;
import dev.modelsweep.spec.SweepSpec;

/** Picks the early-stopping rule a spec names: the one place a new rule is registered. */
public final class EarlyStoppings {

  private EarlyStoppings() {}

  /** The rule of {@code spec}, which {@link dev.modelsweep.spec.SpecParser} accepted. */
  public static EarlyStopping create(SweepSpec spec) {
    EarlyStoppingSpec s = spec.searchOrDefault().earlyStopping();
    if (s == null) {
      return new NoEarlyStopping();
    }
    return switch (s.type()) {
      case ASHA -> new SuccessiveHalving(s.minEpochsOrDefault(), s.reductionFactorOrDefault(), s.gracePeriodOrDefault(), "asha");
      case HYPERBAND -> new Hyperband(s.minEpochsOrDefault(), s.reductionFactorOrDefault(), s.gracePeriodOrDefault(),
          spec.trainingOrDefault().epochsOrDefault());
      case MEDIAN -> new MedianStopping(s.minEpochsOrDefault(), s.minTrialsOrDefault());
    };
  }
}
