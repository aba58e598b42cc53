package dev.labeltune.math;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded sampling without replacement.
 *
 * @since 0.1
 */
public final class Sampling {
  private Sampling() {}

  /**
   * The first {@code k} positions of a seeded Fisher-Yates shuffle of {@code 0..size-1}: a uniform
   * sample without replacement, in drawing order, that costs {@code k} draws whatever the size.
   *
   * @param size how many indices to draw from
   * @param k how many to draw, at most {@code size}
   * @param seed the seed; the same seed gives the same sample
   * @return {@code k} distinct indices in {@code [0, size)}
   * @throws IllegalArgumentException if {@code k} is negative or above {@code size}
   */
  public static int[] withoutReplacement(int size, int k, long seed) {
    if (k < 0 || k > size) {
      throw new IllegalArgumentException("Cannot draw " + k + " of " + size + " indices");
    }
    int[] order = IntStream.range(0, size).toArray();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(size - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return Arrays.copyOf(order, k);
  }
}
