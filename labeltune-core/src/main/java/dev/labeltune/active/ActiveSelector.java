package dev.labeltune.active;

import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Sampling;
import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Chooses which texts of an unlabeled pool to label next, by a {@link SelectionStrategy}, from the
 * pool's embeddings (computed once by the shared encoder) and the task's current head, which exists
 * from zero-shot on. Deterministic: the same pool, head, strategy and seed give the same choice.
 *
 * <pre>{@code
 * float[][] pool = encoder.embedBatch(unlabeledTexts);
 * List<Suggestion> next = ActiveSelector.select(SelectionStrategy.MARGIN, pool, head, 10, 42);
 * }</pre>
 *
 * @since 0.1
 */
public final class ActiveSelector {
  /** Most pool texts the cold-start k-means fits its centroids on; the rest are only assigned. */
  static final int KMEANS_SAMPLE = 20_000;
  /** Uncertain candidates per text asked that {@link SelectionStrategy#KMEANS_MARGIN} clusters. */
  static final int CANDIDATES_PER_PICK = 10;

  private ActiveSelector() {}

  /**
   * @param strategy how to choose
   * @param pool the pool's embeddings, one row per text
   * @param head the task's current head (a zero-shot head before any label)
   * @param n how many texts to choose; fewer come back from a smaller pool
   * @param seed seeds the random and k-means choices
   * @return the chosen texts, the most worth labeling first
   * @throws IllegalArgumentException if {@code n} is not positive or a row's size is not the head's
   */
  public static List<Suggestion> select(SelectionStrategy strategy, float[][] pool, TaskHead head, int n, long seed) {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(head, "head");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, found " + n);
    }
    int dimension = head.labelEmbeddings()[0].length;
    for (int i = 0; i < pool.length; i++) {
      if (pool[i].length != dimension) {
        throw new IllegalArgumentException("Pool row " + i + " has " + pool[i].length + " dimensions; the head has "
            + dimension);
      }
    }
    int k = Math.min(n, pool.length);
    if (k == 0) {
      return List.of();
    }
    List<Prediction> predictions = head.predictBatch(pool, 0);
    double[] margins = new double[pool.length];
    for (int i = 0; i < pool.length; i++) {
      margins[i] = margin(predictions.get(i), head);
    }
    List<Integer> chosen = switch (strategy) {
      case RANDOM -> random(pool.length, k, seed);
      case MARGIN -> lowest(pool.length, k, i -> margins[i]);
      case ENTROPY -> lowest(pool.length, k, i -> -entropy(predictions.get(i)));
      case LEAST_CONFIDENCE -> lowest(pool.length, k, i -> predictions.get(i).probability());
      case KMEANS -> coldStart(pool, k, seed);
      case KMEANS_MARGIN -> diverseUncertain(pool, margins, k, seed);
    };
    return chosen.stream().map(i -> new Suggestion(i, predictions.get(i), margins[i])).toList();
  }

  /** @return the margin of one prediction (see {@link Suggestion#margin()}) */
  static double margin(Prediction p, TaskHead head) {
    List<LabelScore> scores = p.scores();
    if (head.multiLabel()) {
      double closest = Double.MAX_VALUE;
      for (LabelScore s : scores) {
        closest = Math.min(closest, Math.abs(s.probability() - head.threshold()));
      }
      return 2 * closest;
    }
    double first = 0;
    double second = 0;
    for (LabelScore s : scores) {
      if (s.probability() > first) {
        second = first;
        first = s.probability();
      } else if (s.probability() > second) {
        second = s.probability();
      }
    }
    return first - second;
  }

  private static double entropy(Prediction p) {
    double h = 0;
    for (LabelScore s : p.scores()) {
      if (s.probability() > 0) {
        h -= s.probability() * Math.log(s.probability());
      }
    }
    return h;
  }

  /** @return the k indices with the lowest key, ties by index */
  private static List<Integer> lowest(int size, int k, IntToDoubleFunction key) {
    return IntStream.range(0, size).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> key.applyAsDouble(i)).thenComparing(i -> i))
        .limit(k).toList();
  }

  private static List<Integer> random(int size, int k, long seed) {
    return IntStream.of(Sampling.withoutReplacement(size, k, seed)).boxed().toList();
  }

  /** k-means over the pool (fitted on a sample of a large one); per cluster, the text nearest its centroid. */
  private static List<Integer> coldStart(float[][] pool, int k, long seed) {
    List<Integer> sample = pool.length <= KMEANS_SAMPLE ? IntStream.range(0, pool.length).boxed().toList()
        : random(pool.length, KMEANS_SAMPLE, seed ^ 0x5DEECE66DL);
    float[][] rows = sample.stream().map(i -> pool[i]).toArray(float[][]::new);
    float[][] centroids = KMeans.cluster(rows, k, seed).centroids();
    // |p - c|^2 ranks texts for a centroid as |p|^2 - 2 p.c does.
    float[][] dots = Vectors.dotRows(centroids, pool);
    float[] norms = new float[pool.length];
    for (int i = 0; i < pool.length; i++) {
      norms[i] = Vectors.dot(pool[i], pool[i]);
    }
    Set<Integer> out = new LinkedHashSet<>();
    for (int c = 0; c < centroids.length; c++) {
      int best = -1;
      float bestDistance = Float.MAX_VALUE;
      for (int i = 0; i < pool.length; i++) {
        float d = norms[i] - 2 * dots[i][c];
        if (d < bestDistance && !out.contains(i)) {
          bestDistance = d;
          best = i;
        }
      }
      out.add(best);
    }
    return new ArrayList<>(out);
  }

  /** The most uncertain candidates by margin, clustered into k groups; per group, its smallest margin. */
  private static List<Integer> diverseUncertain(float[][] pool, double[] margins, int k, long seed) {
    List<Integer> candidates = lowest(pool.length, Math.min(pool.length, k * CANDIDATES_PER_PICK), i -> margins[i]);
    float[][] rows = candidates.stream().map(i -> pool[i]).toArray(float[][]::new);
    int[] cluster = KMeans.cluster(rows, k, seed).assignment();
    int[] best = new int[k];
    Arrays.fill(best, -1);
    for (int c = 0; c < candidates.size(); c++) {
      int index = candidates.get(c);
      int group = cluster[c];
      if (best[group] < 0 || margins[index] < margins[best[group]]) {
        best[group] = index;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int b : best) {
      if (b >= 0) {
        out.add(b);
      }
    }
    // A cluster left empty leaves room for the next most uncertain candidates.
    for (int index : candidates) {
      if (out.size() >= k) {
        break;
      }
      if (!out.contains(index)) {
        out.add(index);
      }
    }
    out.sort(Comparator.comparingDouble((Integer i) -> margins[i]).thenComparing(i -> i));
    return out;
  }
}
