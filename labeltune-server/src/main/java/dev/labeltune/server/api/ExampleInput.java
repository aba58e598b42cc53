package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.List;

/**
 * One example: a text and its label ({@code label}), or its labels for a multi-label task ({@code labels}).
 *
 * @param text the text
 * @param label its one label
 * @param labels its labels
 */
public record ExampleInput(@JsonProperty(required = true) String text, String label, List<String> labels) {
  /** Checks. */
  public ExampleInput {
    Check.present(text, "text");
    Check.oneOrMany(label, labels);
  }

  /** @return its labels, one or several */
  public List<String> allLabels() {
    return Check.oneOrMany(label, labels);
  }
}
