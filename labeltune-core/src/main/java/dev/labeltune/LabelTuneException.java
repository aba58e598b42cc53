package dev.labeltune;

/**
 * Root of the unchecked exceptions LabelTune throws for failures that are not plain caller mistakes
 * (those are {@link IllegalArgumentException}s).
 *
 * @since 0.1
 */
public class LabelTuneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed, on which input, expected and found.
   *
   * @param message the message
   */
  public LabelTuneException(String message) {
    super(message);
  }

  /**
   * Creates an exception that wraps its cause.
   *
   * @param message the message
   * @param cause the underlying failure, kept for diagnosis
   */
  public LabelTuneException(String message, Throwable cause) {
    super(message, cause);
  }
}
