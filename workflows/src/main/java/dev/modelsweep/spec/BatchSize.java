package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A mini-batch size, or the whole training split ({@code "full"} in JSON, {@code size} null).
 */
public record BatchSize(Integer size) {

  public static final String FULL_NAME = "full";
  public static final BatchSize FULL = new BatchSize(null);

  public static BatchSize of(int size) {
    return new BatchSize(size);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BatchSize fromJson(Object value) {
    if (value instanceof Number n) {
      return of(n.intValue());
    }
    if (FULL_NAME.equals(value)) {
      return FULL;
    }
    throw new IllegalArgumentException("batchSize: expected a positive integer or \"full\", got " + value);
  }

  @JsonValue
  public Object json() {
    return size == null ? FULL_NAME : size;
  }

  /** Derived from {@code size}; not a JSON property ({@link #json} is the whole JSON form). */
  @JsonIgnore
  public boolean isFull() {
    return size == null;
  }

  /** Examples per update for a training split of {@code rows} rows. */
  public int resolve(int rows) {
    return size == null ? rows : Math.min(size, rows);
  }
}
