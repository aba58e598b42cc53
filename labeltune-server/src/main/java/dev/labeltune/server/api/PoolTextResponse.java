package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.PoolText;
import java.time.Instant;

/**
 * An unlabeled text of a task's pool.
 *
 * @param id its number, for labeling or deleting it
 * @param text the text
 * @param created when it was added
 */
public record PoolTextResponse(long id, @JsonProperty(required = true) String text,
    @JsonProperty(required = true) Instant created) {
  static PoolTextResponse of(PoolText t) {
    return new PoolTextResponse(t.id(), t.text(), t.created());
  }
}
