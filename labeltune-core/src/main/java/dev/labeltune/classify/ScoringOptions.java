package dev.labeltune.classify;

import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How raw label scores become predictions.
 *
 * @param temperature softmax (or sigmoid) temperature over raw scores; embeddings are usually
 *     normalized, so raw scores are cosines in [-1, 1] and a small temperature is needed for
 *     probabilities that are not nearly uniform
 * @param multiLabel whether each label is decided on its own instead of picking one
 * @param threshold in multi-label mode, the raw score a label needs to be predicted
 * @param topK how many label scores a prediction lists; 0 lists all
 * @since 0.1
 */
public record ScoringOptions(double temperature, boolean multiLabel, double threshold, int topK) {
  /** Default softmax temperature for normalized embeddings. */
  public static final double DEFAULT_TEMPERATURE = 0.05;

  /** Validates the values. */
  public ScoringOptions {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a positive number, found " + temperature);
    }
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must be a number, found NaN");
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be 0 (all) or positive, found " + topK);
    }
  }

  /** @return single-label, temperature {@value #DEFAULT_TEMPERATURE}, all scores listed */
  public static ScoringOptions defaults() {
    return new ScoringOptions(DEFAULT_TEMPERATURE, false, 0.5, 0);
  }

  /** @param temperature the new temperature @return a copy with it */
  public ScoringOptions withTemperature(double temperature) {
    return new ScoringOptions(temperature, multiLabel, threshold, topK);
  }

  /** @param threshold raw score a label needs @return a multi-label copy with that threshold */
  public ScoringOptions withMultiLabel(double threshold) {
    return new ScoringOptions(temperature, true, threshold, topK);
  }

  /** @param topK labels listed per prediction, 0 for all @return a copy with it */
  public ScoringOptions withTopK(int topK) {
    return new ScoringOptions(temperature, multiLabel, threshold, topK);
  }

  /**
   * Turns one text's raw scores into a prediction. Costs O(K) for a small top-k and O(K log K)
   * when every label is listed, with no boxing, so heads with many thousands of labels stay cheap.
   *
   * @param labels label names, aligned with {@code scores}
   * @param scores raw scores
   * @return the prediction
   */
  public Prediction predict(List<String> labels, float[] scores) {
    double[] probabilities;
    if (multiLabel) {
      probabilities = new double[scores.length];
      for (int k = 0; k < scores.length; k++) {
        probabilities[k] = 1.0 / (1.0 + Math.exp(-(scores[k] - threshold) / temperature));
      }
    } else {
      probabilities = Vectors.softmax(scores, temperature);
    }
    int listed = topK == 0 ? scores.length : Math.min(topK, scores.length);
    int[] order = topIndices(scores, listed);
    List<LabelScore> ranked = new ArrayList<>(listed);
    for (int k : order) {
      ranked.add(new LabelScore(labels.get(k), scores[k], probabilities[k]));
    }
    List<String> predicted = new ArrayList<>();
    if (!multiLabel) {
      predicted.add(labels.get(order[0]));
    } else {
      int count = 0;
      for (float score : scores) {
        count += score >= threshold ? 1 : 0;
      }
      for (int k : topIndices(scores, count)) {
        predicted.add(labels.get(k));
      }
    }
    return new Prediction(predicted, ranked);
  }

  /** Indices of the {@code count} highest scores, best first; ties keep the lower index first. */
  static int[] topIndices(float[] scores, int count) {
    if (count == 0) {
      return new int[0];
    }
    if (count <= 16) {
      // Small k: keep a sorted array of the best so far, one pass over the scores.
      int[] best = new int[count];
      int size = 0;
      for (int k = 0; k < scores.length; k++) {
        if (size == count && scores[k] <= scores[best[size - 1]]) {
          continue;
        }
        int pos = size == count ? size - 1 : size++;
        while (pos > 0 && scores[best[pos - 1]] < scores[k]) {
          best[pos] = best[pos - 1];
          pos--;
        }
        best[pos] = k;
      }
      return best;
    }
    // Sort primitive keys: the score, as an int that orders like the float, negated (~) in the high
    // word so that ascending keys mean descending scores; the index in the low word breaks ties.
    long[] keys = new long[scores.length];
    for (int k = 0; k < scores.length; k++) {
      int bits = Float.floatToIntBits(scores[k]);
      int ordered = bits ^ ((bits >> 31) & Integer.MAX_VALUE);
      keys[k] = ((long) ~ordered << 32) | k;
    }
    Arrays.sort(keys);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = (int) keys[i];
    }
    return out;
  }
}
