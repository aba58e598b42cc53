package dev.labeltune.classify;

import java.util.List;

/**
 * A classifier's answer for one text.
 *
 * @param labels the predicted labels: exactly one in single-label mode, zero or more in
 *     multi-label mode, best first
 * @param scores the top-k labels with scores and probabilities, best first
 * @since 0.1
 */
public record Prediction(List<String> labels, List<LabelScore> scores) {

  /** Copies the lists. */
  public Prediction {
    labels = List.copyOf(labels);
    scores = List.copyOf(scores);
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("A prediction needs at least one label score, found 0");
    }
  }

  /** @return the best label (the highest score, even when no label passed a multi-label threshold) */
  public String label() {
    return labels.isEmpty() ? scores.get(0).label() : labels.get(0);
  }

  /** @return the best label's probability */
  public double probability() {
    return scores.get(0).probability();
  }
}
