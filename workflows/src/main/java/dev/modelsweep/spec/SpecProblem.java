package dev.modelsweep.spec;

/**
 * One thing wrong with a sweep spec.
 *
 * @param path where, as a JSON path from the document root, such as {@code $.training.epochs} or
 *     {@code $.search.space['optimizer.momentum'].min}
 * @param message what is wrong and what is allowed, such as {@code must be an integer from 1 to
 *     100000, got "ten"}
 */
public record SpecProblem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
