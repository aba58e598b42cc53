package dev.labeltune.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A text with its gold labels: one for single-label data, several for multi-label data, none for
 * unlabeled input.
 *
 * @param text the text
 * @param labels its labels, no duplicates
 * @param fields the input record's other fields or columns (an id, say), in input order, so that
 *     results can be joined back; empty when there were none
 * @since 0.1
 */
public record LabeledText(String text, List<String> labels, Map<String, Object> fields) {

  /** Validates and copies. */
  public LabeledText {
    Objects.requireNonNull(text, "text");
    labels = List.copyOf(labels);
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("Duplicate labels " + labels + " for one text");
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * @param text the text
   * @param labels its labels
   */
  public LabeledText(String text, List<String> labels) {
    this(text, labels, Map.of());
  }

  /**
   * @param text the text
   * @param label its single label
   * @return the example
   */
  public static LabeledText of(String text, String label) {
    return new LabeledText(text, List.of(label));
  }

  /** @param text an unlabeled text @return the example */
  public static LabeledText unlabeled(String text) {
    return new LabeledText(text, List.of());
  }

  /**
   * @return the single label
   * @throws IllegalStateException if the text has no label or several
   */
  public String label() {
    if (labels.size() != 1) {
      throw new IllegalStateException("Expected exactly one label, found " + labels);
    }
    return labels.get(0);
  }
}
