package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A learning-rate schedule, a pure function of training progress so that a resumed trial
 * continues on exactly the curve it left ({@link #rate}).
 *
 * @param type {@code constant} (default), {@code step}, {@code cosine} or {@code warmup_cosine}
 * @param stepEpochs step: multiply the rate by {@code gamma} every this many epochs; default 10
 * @param gamma step: the factor; default 0.1
 * @param warmupEpochs warmup_cosine: epochs of linear warm-up from 0; default 1
 * @param minLearningRate cosine, warmup_cosine: the floor the curve decays to; default 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSpec(
    Type type, Integer stepEpochs, Double gamma, Integer warmupEpochs, Double minLearningRate) {

  public static final ScheduleSpec CONSTANT = new ScheduleSpec(Type.CONSTANT, null, null, null, null);

  public enum Type {
    @JsonProperty("constant") CONSTANT,
    @JsonProperty("step") STEP,
    @JsonProperty("cosine") COSINE,
    @JsonProperty("warmup_cosine") WARMUP_COSINE
  }

  public Type typeOrDefault() {
    return type == null ? Type.CONSTANT : type;
  }

  public int stepEpochsOrDefault() {
    return stepEpochs == null ? 10 : stepEpochs;
  }

  public double gammaOrDefault() {
    return gamma == null ? 0.1 : gamma;
  }

  public int warmupEpochsOrDefault() {
    return warmupEpochs == null ? 1 : warmupEpochs;
  }

  public double minLearningRateOrDefault() {
    return minLearningRate == null ? 0.0 : minLearningRate;
  }

  /**
   * The learning rate at a point of training. Uses StrictMath so that every machine computes the
   * same bits.
   *
   * @param peak the optimizer's learning rate
   * @param epoch 0-based epoch of the update
   * @param step 0-based update within the epoch
   * @param stepsPerEpoch updates per epoch
   * @param totalEpochs epochs of the whole trial
   */
  public double rate(double peak, int epoch, int step, int stepsPerEpoch, int totalEpochs) {
    double progress = epoch + (double) step / stepsPerEpoch; // in epochs
    double floor = minLearningRateOrDefault();
    return switch (typeOrDefault()) {
      case CONSTANT -> peak;
      case STEP -> peak * StrictMath.pow(gammaOrDefault(), epoch / stepEpochsOrDefault());
      case COSINE -> cosine(peak, floor, progress / totalEpochs);
      case WARMUP_COSINE -> {
        int warmup = Math.min(warmupEpochsOrDefault(), totalEpochs);
        if (progress < warmup) {
          yield peak * (progress + 1.0 / stepsPerEpoch) / warmup;
        }
        int rest = totalEpochs - warmup;
        yield rest <= 0 ? peak : cosine(peak, floor, (progress - warmup) / rest);
      }
    };
  }

  private static double cosine(double peak, double floor, double fraction) {
    double f = Math.min(1.0, Math.max(0.0, fraction));
    return floor + (peak - floor) * 0.5 * (1.0 + StrictMath.cos(StrictMath.PI * f));
  }
}
