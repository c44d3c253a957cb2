package dev.modelsweep.activities.data;

import dev.modelsweep.trial.DatasetSummary;
import java.util.List;

/**
 * A loaded data set split three ways and normalised with train statistics. Immutable by
 * convention: it is cached and shared by every trial of a sweep.
 *
 * @param shape per-example shape: {@code [c, h, w]} for image data, else {@code [features]}
 * @param classNames the label of each class index
 */
public record SplitDataset(
    String name, List<Integer> shape, List<String> classNames, Table train, Table validation, Table test) {

  public int features() {
    return train.features();
  }

  public int classes() {
    return classNames.size();
  }

  public boolean isImage() {
    return shape.size() == 3;
  }

  public DatasetSummary summary() {
    return new DatasetSummary(
        name,
        train.rows() + validation.rows() + test.rows(),
        features(),
        classes(),
        shape,
        train.rows(),
        validation.rows(),
        test.rows());
  }
}
