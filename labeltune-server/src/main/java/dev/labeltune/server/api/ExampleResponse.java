package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Example;
import java.time.Instant;
import java.util.List;

/**
 * A stored example.
 *
 * @param id its number
 * @param text its text
 * @param labels its labels
 * @param created when it was stored
 */
public record ExampleResponse(long id, @JsonProperty(required = true) String text,
    @JsonProperty(required = true) List<String> labels, @JsonProperty(required = true) Instant created) {
  /** @return the example as sent */
  public static ExampleResponse of(Example e) {
    return new ExampleResponse(e.id(), e.text(), e.labels(), e.created());
  }
}
