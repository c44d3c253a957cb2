package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Knowledge distillation: every trial of the sweep is a student that learns from a teacher's
 * softened outputs as well as from the labels, with the loss {@code alpha * T^2 *
 * KL(softmax(teacher / T) || softmax(student / T)) + (1 - alpha) * CE(labels)}.
 *
 * @param teacher a model reference: {@code stage:ID} or {@code stage:ID#K} (the top K, logits
 *     averaged) inside a pipeline, an earlier sweep's trial {@code SWEEP_ID/TRIAL_ID}, or a model
 *     list a pipeline published, {@code models/sha256-<hex>.json}; required
 * @param temperature T, which softens both distributions; default {@value #DEFAULT_TEMPERATURE}
 * @param alpha weight of the teacher's term, in [0, 1]; default {@value #DEFAULT_ALPHA}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DistillSpec(String teacher, Double temperature, Double alpha) {

  public static final double DEFAULT_TEMPERATURE = 4.0;
  public static final double DEFAULT_ALPHA = 0.7;

  public double temperatureOrDefault() {
    return temperature == null ? DEFAULT_TEMPERATURE : temperature;
  }

  public double alphaOrDefault() {
    return alpha == null ? DEFAULT_ALPHA : alpha;
  }

  /** The same settings with another teacher reference. */
  public DistillSpec withTeacher(String reference) {
    return new DistillSpec(reference, temperature, alpha);
  }
}
