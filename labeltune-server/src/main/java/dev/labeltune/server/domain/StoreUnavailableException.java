package dev.labeltune.server.domain;

/**
 * The store cannot be reached now (a database restarting, a network cut, no free connection): a
 * failure that passes, so a request may be retried, unlike a {@link StoreException} in general.
 */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the database's error
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
