package dev.modelsweep.activities.data;

import java.util.List;

/**
 * A data set as read from its source, before subsampling, splitting and normalisation.
 *
 * @param name how the data set is called in summaries (built-in name or file path)
 * @param rows all rows
 * @param classNames the label of each class index, in index order
 * @param shape the natural per-example shape: {@code [c, h, w]} for image data, else {@code
 *     [features]}
 */
record LabeledData(String name, Table rows, List<String> classNames, List<Integer> shape) {

  LabeledData withShape(List<Integer> newShape) {
    return new LabeledData(name, rows, classNames, newShape);
  }

  LabeledData withClassNames(List<String> names) {
    return new LabeledData(name, rows, names, shape);
  }
}
