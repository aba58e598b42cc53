package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Label;

/**
 * A task's label.
 *
 * @param name its name
 * @param text its description, if it has one
 */
public record LabelResponse(@JsonProperty(required = true) String name, String text) {
  static LabelResponse of(Label l) {
    return new LabelResponse(l.name(), l.text());
  }
}
