package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.List;

/**
 * {@code POST /v1/tasks/{id}/pool}: unlabeled texts for the task's pool.
 *
 * @param texts up to {@value #MAX_TEXTS} texts; blank or repeated ones are refused one by one
 */
public record PoolAddRequest(@JsonProperty(required = true) List<String> texts) {
  /** Most texts in one request. */
  public static final int MAX_TEXTS = 10_000;

  /** Checks. */
  public PoolAddRequest {
    texts = Check.strings(texts, "texts", 1);
    if (texts.size() > MAX_TEXTS) {
      throw ServiceException.of(Kind.TOO_LARGE, "'texts' has " + texts.size() + " entries; the limit is " + MAX_TEXTS
          + " per request");
    }
  }
}
