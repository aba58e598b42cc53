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
   * Turns one text's raw scores into a prediction.
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
    Integer[] order = new Integer[scores.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    int listed = topK == 0 ? order.length : Math.min(topK, order.length);
    List<LabelScore> ranked = new ArrayList<>(listed);
    for (int i = 0; i < listed; i++) {
      int k = order[i];
      ranked.add(new LabelScore(labels.get(k), scores[k], probabilities[k]));
    }
    List<String> predicted = new ArrayList<>();
    for (Integer k : order) {
      if (!multiLabel) {
        predicted.add(labels.get(k));
        break;
      }
      if (scores[k] >= threshold) {
        predicted.add(labels.get(k));
      }
    }
    return new Prediction(predicted, ranked);
  }
}
