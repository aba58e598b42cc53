package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Label;

/**
 * A label of a new task: a name, or {@code {"name", "text"}} where the text (a description) is
 * embedded instead of the templated name.
 *
 * @param name the label's name
 * @param text its description, or null
 */
public record LabelInput(@JsonProperty(required = true) String name, String text) {
  /** Checks. */
  public LabelInput {
    Check.present(name, "name");
    Check.length(text, "text", Check.MAX_LABEL_TEXT);
  }

  /** @return a label given by its name alone */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static LabelInput named(String name) {
    return new LabelInput(name, null);
  }

  /** @return the label */
  public Label toLabel() {
    return new Label(name, text);
  }
}
