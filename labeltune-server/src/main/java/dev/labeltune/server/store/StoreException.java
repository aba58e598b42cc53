package dev.labeltune.server.store;

import dev.labeltune.LabelTuneException;

/** The task store failed: the database could not be opened, read or written. */
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
