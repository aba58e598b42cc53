package dev.labeltune.server.domain;

import java.time.Instant;
import java.util.List;

/**
 * A stored training example.
 *
 * @param id the example's number
 * @param text its text
 * @param labels its gold labels
 * @param created when it was stored
 */
public record Example(long id, String text, List<String> labels, Instant created) {
  /** Copies the labels. */
  public Example {
    labels = List.copyOf(labels);
  }
}
