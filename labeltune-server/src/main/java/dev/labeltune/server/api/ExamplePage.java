package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Example;
import java.util.List;

/**
 * A page of examples.
 *
 * @param items the examples, in id order
 * @param next the {@code after} of the next page, absent on the last
 */
public record ExamplePage(@JsonProperty(required = true) List<ExampleResponse> items, Long next) {
  /** @return the page, with a next cursor if it is full */
  public static ExamplePage of(List<Example> examples, int limit) {
    return new ExamplePage(examples.stream().map(ExampleResponse::of).toList(),
        examples.size() == limit ? examples.get(examples.size() - 1).id() : null);
  }
}
