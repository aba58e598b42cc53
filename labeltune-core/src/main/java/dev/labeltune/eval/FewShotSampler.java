package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws n examples per label from a labeled pool, deterministically from a seed. Multi-label
 * examples count toward their first label.
 *
 * @since 0.1
 */
public final class FewShotSampler {
  private FewShotSampler() {}

  /**
   * @param pool labeled examples
   * @param shots examples per label, at least 1
   * @param seed the seed; the same seed and pool give the same sample
   * @return the sample, in shuffled order; a label with fewer than {@code shots} examples
   *     contributes all it has
   */
  public static List<LabeledText> sample(List<LabeledText> pool, int shots, long seed) {
    if (shots < 1) {
      throw new IllegalArgumentException("shots must be at least 1, found " + shots);
    }
    List<Integer> order = new ArrayList<>(pool.size());
    for (int i = 0; i < pool.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    Map<String, Integer> taken = new HashMap<>();
    List<LabeledText> out = new ArrayList<>();
    for (int i : order) {
      LabeledText example = pool.get(i);
      if (example.labels().isEmpty()) {
        continue;
      }
      int n = taken.merge(example.labels().get(0), 1, Integer::sum);
      if (n <= shots) {
        out.add(example);
      }
    }
    return out;
  }
}
