package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

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

  /**
   * The unlabeled pool of a few-shot run: texts of {@code pool} that are not in {@code sample},
   * without labels, at most {@code size} of them, chosen deterministically from the seed.
   *
   * @param pool labeled examples
   * @param sample the examples drawn for training
   * @param size maximum number of texts; 0 for none
   * @param seed the seed
   * @return distinct texts, in shuffled order
   */
  public static List<String> unlabeledPool(List<LabeledText> pool, List<LabeledText> sample, int size, long seed) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, found " + size);
    }
    Set<String> excluded = new HashSet<>();
    sample.forEach(t -> excluded.add(t.text()));
    List<String> texts = new ArrayList<>(new LinkedHashSet<>(pool.stream().map(LabeledText::text).toList()));
    texts.removeIf(excluded::contains);
    Collections.shuffle(texts, new Random(~seed));
    return List.copyOf(texts.subList(0, Math.min(size, texts.size())));
  }
}
