package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.PoolAddition;
import java.util.List;

/**
 * What adding texts to a pool did.
 *
 * @param added the texts stored, in request order
 * @param refused the texts not stored: each one's index in the request and why
 */
public record PoolAdded(@JsonProperty(required = true) List<PoolTextResponse> added,
    @JsonProperty(required = true) List<Refusal> refused) {
  /**
   * @param index the text's position in the request
   * @param reason why it was not added
   */
  public record Refusal(int index, @JsonProperty(required = true) String reason) {}

  /** @return the response */
  public static PoolAdded of(PoolAddition added) {
    return new PoolAdded(added.added().stream().map(PoolTextResponse::of).toList(),
        added.refused().stream().map(r -> new Refusal(r.index(), r.reason())).toList());
  }
}
