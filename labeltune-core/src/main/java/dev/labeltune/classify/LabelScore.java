package dev.labeltune.classify;

import java.util.Objects;

/**
 * One label's result for one text.
 *
 * @param label the label name
 * @param score the raw similarity (dot product of text and label embeddings)
 * @param probability the calibrated probability: softmax over labels, or a per-label sigmoid in
 *     multi-label mode
 * @since 0.1
 */
public record LabelScore(String label, double score, double probability) {
  /** Validates the values. */
  public LabelScore {
    Objects.requireNonNull(label, "label");
  }
}
