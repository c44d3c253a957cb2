package dev.modelsweep.trial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The shape of a loaded data set, checked once per sweep before any trial trains.
 *
 * @param shape per-example shape {@code [channels, height, width]}, or {@code [features]} when
 *     the data is not image-shaped
 */
public record DatasetSummary(
    String name,
    int rows,
    int features,
    int classes,
    List<Integer> shape,
    int trainRows,
    int validationRows,
    int testRows) {

  @JsonIgnore
  public boolean isImage() {
    return shape.size() == 3;
  }
}
