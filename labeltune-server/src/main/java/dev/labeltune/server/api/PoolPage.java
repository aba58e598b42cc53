package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.PoolText;
import java.util.List;

/**
 * A page of a task's pool.
 *
 * @param items the texts, in id order
 * @param next the {@code after} of the next page, absent on the last
 */
public record PoolPage(@JsonProperty(required = true) List<PoolTextResponse> items, Long next) {
  /** @return the page, with a next cursor if it is full */
  public static PoolPage of(List<PoolText> texts, int limit) {
    return new PoolPage(texts.stream().map(PoolTextResponse::of).toList(),
        texts.size() == limit ? texts.get(texts.size() - 1).id() : null);
  }
}
