package dev.labeltune.server.domain;

import java.util.List;

/**
 * What adding texts to a pool did.
 *
 * @param added the texts stored, in request order
 * @param refused the texts not stored, with why
 */
public record PoolAddition(List<PoolText> added, List<Refusal> refused) {
  /** Copies the lists. */
  public PoolAddition {
    added = List.copyOf(added);
    refused = List.copyOf(refused);
  }

  /**
   * A text not added.
   *
   * @param index its position in the request
   * @param reason why
   */
  public record Refusal(int index, String reason) {}
}
