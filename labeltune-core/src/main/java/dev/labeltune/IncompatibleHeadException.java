package dev.labeltune;

/**
 * Thrown when a task head cannot be used: its file is corrupt, truncated or of a newer format, or
 * it was trained for another encoder than the one it is bound to.
 *
 * @since 0.1
 */
public class IncompatibleHeadException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /** @param message what does not match, expected and found */
  public IncompatibleHeadException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the underlying failure
   */
  public IncompatibleHeadException(String message, Throwable cause) {
    super(message, cause);
  }
}
