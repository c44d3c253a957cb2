package dev.modelsweep.activities.model;

import java.util.Random;

/**
 * The random source of a network's dropout layers. One per network; the trainer reseeds it at
 * each epoch start so the masks of an epoch depend only on (trial seed, epoch), whether the epoch
 * runs straight through or after a resume. Not thread-safe: one network trains on one thread.
 */
public final class DropoutNoise {

  private final Random random = new Random(0);

  public void reseed(long seed) {
    random.setSeed(seed);
  }

  /**
   * An inverted-dropout mask: each value is 0 with probability {@code rate}, else {@code
   * 1/(1-rate)}, so activations keep their expected value and inference needs no rescaling.
   */
  float[] mask(int size, float rate) {
    float keep = 1f / (1f - rate);
    float[] m = new float[size];
    for (int i = 0; i < size; i++) {
      m[i] = random.nextFloat() < rate ? 0f : keep;
    }
    return m;
  }
}
