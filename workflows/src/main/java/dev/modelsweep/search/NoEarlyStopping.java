package dev.modelsweep.search;

import java.util.Optional;

/** Every trial trains all its epochs: what a sweep without {@code search.earlyStopping} does. */
final class NoEarlyStopping implements EarlyStopping {

  @Override
  public int nextReport(int index, int epoch, int epochs) {
    return epochs;
  }

  @Override
  public Optional<String> judge(int index, int epoch, double loss, Rungs rungs) {
    return Optional.empty();
  }

  @Override
  public boolean comparesWith(int index, int other) {
    return false;
  }
}
