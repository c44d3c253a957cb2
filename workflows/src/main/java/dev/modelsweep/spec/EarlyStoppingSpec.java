package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Stops weak trials before their last epoch ({@code search.earlyStopping}). Combines with any
 * strategy: the strategy says what to try, this rule how long each trial trains. A trial it ends
 * is evaluated at the epoch it reached and gets status {@code stopped}.
 *
 * @param type {@code asha}, {@code hyperband} or {@code median}; required
 * @param minEpochs epochs every trial trains before it can be stopped: the minimum resource r of
 *     the ASHA and Hyperband papers (the first rung), the warm-up of median stopping; default 1
 * @param reductionFactor asha and hyperband: eta, the factor between rungs; a trial goes on past a
 *     rung when it is in the best 1/eta of the trials that reached it; default 3 (Hyperband paper)
 * @param gracePeriod asha and hyperband: the minimum early-stopping rate s of the ASHA paper:
 *     rungs lie at {@code minEpochs * eta^(s + k)}, so a larger s stops later; default 0
 * @param minTrials median: other trials that must have reached an epoch before the median there
 *     can stop anyone; default 5
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EarlyStoppingSpec(
    Type type, Integer minEpochs, Integer reductionFactor, Integer gracePeriod, Integer minTrials) {

  public enum Type {
    @JsonProperty("asha") ASHA,
    @JsonProperty("hyperband") HYPERBAND,
    @JsonProperty("median") MEDIAN
  }

  public int minEpochsOrDefault() {
    return minEpochs == null ? 1 : minEpochs;
  }

  public int reductionFactorOrDefault() {
    return reductionFactor == null ? 3 : reductionFactor;
  }

  public int gracePeriodOrDefault() {
    return gracePeriod == null ? 0 : gracePeriod;
  }

  public int minTrialsOrDefault() {
    return minTrials == null ? 5 : minTrials;
  }
}
