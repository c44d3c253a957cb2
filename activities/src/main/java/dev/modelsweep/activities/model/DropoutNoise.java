package dev.modelsweep.activities.model;

import java.util.Random;

/**
 * The random source of a network's dropout layers. One per network; the trainer reseeds it at
 * each epoch start so the masks of an epoch depend only on (trial seed, epoch), whether the epoch
 * runs straight through or after a resume. Not thread-safe: one network trains on one thread.
 */
public final class DropoutNoise {

  private final Random random = new Random(0);
  /** Rows of the whole batch, and this replica's rows of it; rows == 0: no window, the whole batch. */
  private int rows;
  private int from;
  private int to;

  public void reseed(long seed) {
    random.setSeed(seed);
  }

  /**
   * Makes this network a data-parallel replica that forwards rows {@code [from, to)} of a batch of
   * {@code rows}: each mask is then drawn for the whole batch, as one network forwarding all of it
   * would draw it, and this replica's rows are cut out. So every example gets the mask it would
   * get on one device, whichever replica forwards it. {@code rows} 0 turns the window off.
   */
  public void window(int rows, int from, int to) {
    this.rows = rows;
    this.from = from;
    this.to = to;
  }

  /**
   * An inverted-dropout mask: each value is 0 with probability {@code rate}, else {@code
   * 1/(1-rate)}, so activations keep their expected value and inference needs no rescaling.
   */
  float[] mask(int size, float rate) {
    if (rows == 0) {
      return draw(size, rate);
    }
    int perRow = size / (to - from);
    return java.util.Arrays.copyOfRange(draw(rows * perRow, rate), from * perRow, to * perRow);
  }

  private float[] draw(int size, float rate) {
    float keep = 1f / (1f - rate);
    float[] m = new float[size];
    for (int i = 0; i < size; i++) {
      m[i] = random.nextFloat() < rate ? 0f : keep;
    }
    return m;
  }
}
