package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Example;
import java.util.List;

/**
 * The examples a request stored.
 *
 * @param examples them, in the request's order
 */
public record ExamplesAdded(@JsonProperty(required = true) List<ExampleResponse> examples) {
  /** @return the response */
  public static ExamplesAdded of(List<Example> stored) {
    return new ExamplesAdded(stored.stream().map(ExampleResponse::of).toList());
  }
}
