package dev.modelsweep.trial;

import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.spec.TrialSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a trial's configuration from its sweep's spec and its parameter values. Pure: safe in workflow code. */
public final class TrialConfigs {

  private TrialConfigs() {}

  /**
   * The configuration of trial {@code index} of a sweep: the spec's sections with {@code params}
   * applied ({@link TrialSpec#of}).
   *
   * @param spec a spec that {@link dev.modelsweep.spec.SpecParser} accepted
   * @param sweepId the sweep's workflow id
   * @param index the trial's 0-based position; its id is {@link TrialConfig#trialId(int)}
   * @param params the trial's values by path, as a {@link dev.modelsweep.search.Sampler}
   *     suggests them; kept in the config as given
   * @throws IllegalArgumentException if a path is not a searchable field or a value does not fit
   */
  public static TrialConfig resolve(SweepSpec spec, String sweepId, int index, Map<String, Object> params) {
    TrialSpec sections = TrialSpec.of(spec, params);
    return new TrialConfig(
        sweepId,
        TrialConfig.trialId(index),
        index,
        Collections.unmodifiableMap(new LinkedHashMap<>(params)),
        spec.seedOrDefault(),
        spec.dataset(),
        sections.model(),
        sections.training(),
        sections.optimizer(),
        sections.finetune(),
        sections.distill());
  }
}
