package dev.labeltune.classify;

import dev.labeltune.encoder.TextEmbeddings;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier's answer for one text.
 *
 * @param labels the predicted labels: exactly one in single-label mode, zero or more in
 *     multi-label mode, best first
 * @param scores the top-k labels with scores and probabilities, best first
 * @param truncated whether the text was longer than the model's maximum and only its beginning
 *     was classified
 * @param noKnownTokens whether none of the text's tokens is in the model's vocabulary: the label
 *     is then a guess, however high its probability
 * @since 0.1
 */
public record Prediction(List<String> labels, List<LabelScore> scores, boolean truncated, boolean noKnownTokens) {

  /** Copies the lists. */
  public Prediction {
    labels = List.copyOf(labels);
    scores = List.copyOf(scores);
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("A prediction needs at least one label score, found 0");
    }
  }

  /**
   * A prediction for a text the encoder noticed nothing about.
   *
   * @param labels the predicted labels
   * @param scores the top-k label scores, best first
   */
  public Prediction(List<String> labels, List<LabelScore> scores) {
    this(labels, scores, false, false);
  }

  /**
   * @param predictions one prediction per text
   * @param embeddings the same texts' embeddings, with the encoder's notes
   * @return the predictions carrying the notes
   */
  public static List<Prediction> withNotes(List<Prediction> predictions, TextEmbeddings embeddings) {
    List<Prediction> out = new ArrayList<>(predictions.size());
    for (int i = 0; i < predictions.size(); i++) {
      Prediction p = predictions.get(i);
      out.add(new Prediction(p.labels, p.scores, embeddings.truncated()[i], embeddings.noKnownTokens()[i]));
    }
    return out;
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
