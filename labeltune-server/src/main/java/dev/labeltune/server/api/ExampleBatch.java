package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.List;

/**
 * {@code POST /v1/tasks/{id}/examples}: a JSON array of examples, stored all or nothing.
 *
 * @param examples up to {@value #MAX_EXAMPLES}
 */
public record ExampleBatch(List<ExampleInput> examples) {
  /** Most examples in one request. */
  public static final int MAX_EXAMPLES = 10_000;

  /** Checks. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public ExampleBatch {
    Check.present(examples, "examples");
    if (examples.size() > MAX_EXAMPLES) {
      throw ServiceException.of(Kind.TOO_LARGE, "At most " + MAX_EXAMPLES + " examples per request, found " + examples.size());
    }
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i) == null) {
        throw ServiceException.of(Kind.BAD_REQUEST, "Example " + i + " must be an object");
      }
    }
    examples = List.copyOf(examples);
  }
}
