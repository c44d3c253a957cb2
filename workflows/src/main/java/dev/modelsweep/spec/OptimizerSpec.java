package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Set;

/**
 * An optimizer, its hyperparameters and its learning-rate schedule. Hyperparameters that do not
 * apply to the chosen type are rejected by {@link SpecParser}; left out, each takes the default
 * below.
 *
 * @param type {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}, {@code adamw},
 *     {@code rmsprop} or {@code adagrad}; default adam
 * @param learningRate peak learning rate; default 0.001 for adam, adamw and rmsprop, 0.01 otherwise
 * @param momentum momentum, nesterov, rmsprop: default 0.9 (0 for rmsprop)
 * @param beta1 adam, adamw: default 0.9
 * @param beta2 adam, adamw: default 0.999
 * @param epsilon adam, adamw, rmsprop, adagrad: default 1e-8 (1e-10 for adagrad)
 * @param rho rmsprop decay of the squared-gradient average: default 0.9
 * @param weightDecay L2 penalty (decoupled for adamw); default 0 (0.01 for adamw)
 * @param schedule learning-rate schedule; default constant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerSpec(
    Type type,
    Double learningRate,
    Double momentum,
    Double beta1,
    Double beta2,
    Double epsilon,
    Double rho,
    Double weightDecay,
    ScheduleSpec schedule) {

  public static final OptimizerSpec DEFAULT =
      new OptimizerSpec(null, null, null, null, null, null, null, null, null);

  public enum Type {
    @JsonProperty("sgd") SGD,
    @JsonProperty("momentum") MOMENTUM,
    @JsonProperty("nesterov") NESTEROV,
    @JsonProperty("adam") ADAM,
    @JsonProperty("adamw") ADAMW,
    @JsonProperty("rmsprop") RMSPROP,
    @JsonProperty("adagrad") ADAGRAD
  }

  /** The optimizer types each hyperparameter applies to; the parser's single source for this. */
  public static Set<Type> typesUsing(String hyperparameter) {
    return switch (hyperparameter) {
      case "momentum" -> EnumSet.of(Type.MOMENTUM, Type.NESTEROV, Type.RMSPROP);
      case "beta1", "beta2" -> EnumSet.of(Type.ADAM, Type.ADAMW);
      case "epsilon" -> EnumSet.of(Type.ADAM, Type.ADAMW, Type.RMSPROP, Type.ADAGRAD);
      case "rho" -> EnumSet.of(Type.RMSPROP);
      default -> EnumSet.allOf(Type.class);
    };
  }

  public Type typeOrDefault() {
    return type == null ? Type.ADAM : type;
  }

  public double learningRateOrDefault() {
    if (learningRate != null) {
      return learningRate;
    }
    return switch (typeOrDefault()) {
      case ADAM, ADAMW, RMSPROP -> 0.001;
      default -> 0.01;
    };
  }

  public double momentumOrDefault() {
    if (momentum != null) {
      return momentum;
    }
    return typeOrDefault() == Type.RMSPROP ? 0.0 : 0.9;
  }

  public double beta1OrDefault() {
    return beta1 == null ? 0.9 : beta1;
  }

  public double beta2OrDefault() {
    return beta2 == null ? 0.999 : beta2;
  }

  public double epsilonOrDefault() {
    if (epsilon != null) {
      return epsilon;
    }
    return typeOrDefault() == Type.ADAGRAD ? 1e-10 : 1e-8;
  }

  public double rhoOrDefault() {
    return rho == null ? 0.9 : rho;
  }

  public double weightDecayOrDefault() {
    if (weightDecay != null) {
      return weightDecay;
    }
    return typeOrDefault() == Type.ADAMW ? 0.01 : 0.0;
  }

  public ScheduleSpec scheduleOrDefault() {
    return schedule == null ? ScheduleSpec.CONSTANT : schedule;
  }
}
