package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Transfer learning: every trial of the sweep starts from the first {@code keepLayers} layers of a
 * source model (hidden layers of an MLP, convolution blocks of a CNN), keeps them frozen or trains
 * them at {@code bodyLearningRateScale} times the learning rate, and trains a new head (and any
 * layers after the kept ones) from its seeded initialisation.
 *
 * @param source a model reference: {@code stage:ID} inside a pipeline, an earlier sweep's trial
 *     {@code SWEEP_ID/TRIAL_ID}, or a model list a pipeline published, {@code
 *     models/sha256-<hex>.json}; required
 * @param keepLayers how many leading layers to take from the source, at least 1; default all the
 *     target's hidden layers (MLP) or blocks (CNN)
 * @param freeze whether the kept layers stay as they are; default false
 * @param bodyLearningRateScale the kept layers' learning rate as a multiple of the head's, when
 *     not frozen; default 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinetuneSpec(String source, Integer keepLayers, Boolean freeze, Double bodyLearningRateScale) {

  public static final double DEFAULT_BODY_LEARNING_RATE_SCALE = 1.0;

  public boolean freezeOrDefault() {
    return freeze != null && freeze;
  }

  public double bodyLearningRateScaleOrDefault() {
    return bodyLearningRateScale == null ? DEFAULT_BODY_LEARNING_RATE_SCALE : bodyLearningRateScale;
  }

  /** The same settings with another source reference. */
  public FinetuneSpec withSource(String reference) {
    return new FinetuneSpec(reference, keepLayers, freeze, bodyLearningRateScale);
  }
}
