package dev.labeltune.server.domain;

import dev.labeltune.LabelTuneException;

/**
 * The store failed: the database could not be opened, read or written. Not the caller's fault; the
 * message may hold database details and is for the server's log, not for clients.
 */
public class StoreException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the database's error
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
