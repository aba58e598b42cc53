package dev.labeltune.classify;

import dev.labeltune.InferenceException;
import dev.labeltune.encoder.EncoderConfig;
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
  public static final double DEFAULT_TEMPERATURE = EncoderConfig.DEFAULT_TEMPERATURE;
  /** Smallest temperature accepted: scores divided by it stay far from overflow in double. */
  public static final double MIN_TEMPERATURE = 1e-6;
  /** Largest temperature accepted. */
  public static final double MAX_TEMPERATURE = 1e6;
  /** Largest threshold magnitude accepted; raw scores of real encoders are far smaller. */
  public static final double MAX_ABS_THRESHOLD = 1e6;

  /** Validates the values. */
  public ScoringOptions {
    checkTemperature(temperature);
    checkThreshold(threshold);
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be 0 (all) or positive, found " + topK);
    }
  }

  /**
   * @param temperature a softmax or sigmoid temperature
   * @return it
   * @throws IllegalArgumentException if it is not between {@value #MIN_TEMPERATURE} and {@value #MAX_TEMPERATURE}
   */
  public static double checkTemperature(double temperature) {
    if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
      throw new IllegalArgumentException("temperature must be between " + MIN_TEMPERATURE + " and "
          + MAX_TEMPERATURE + ", found " + temperature);
    }
    return temperature;
  }

  /**
   * @param threshold a multi-label threshold on raw scores
   * @return it
   * @throws IllegalArgumentException if it is NaN or larger in magnitude than {@value #MAX_ABS_THRESHOLD}
   */
  public static double checkThreshold(double threshold) {
    if (!(Math.abs(threshold) <= MAX_ABS_THRESHOLD)) {
      throw new IllegalArgumentException("threshold must be between -" + MAX_ABS_THRESHOLD + " and "
          + MAX_ABS_THRESHOLD + ", found " + threshold);
    }
    return threshold;
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
   * @throws InferenceException if a score is not finite (an encoder or head gave NaN or overflowed)
   */
  public Prediction predict(List<String> labels, float[] scores) {
    for (int k = 0; k < scores.length; k++) {
      if (!Float.isFinite(scores[k])) {
        throw new InferenceException("The score of label '" + labels.get(k) + "' is " + scores[k]
            + "; the encoder's embedding or the label's vector is not usable");
      }
    }
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
