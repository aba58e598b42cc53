package dev.labeltune;

/**
 * Thrown when running a loaded model fails (a native runtime error, an output of unexpected shape).
 *
 * @since 0.1
 */
public class InferenceException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed */
  public InferenceException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the underlying runtime failure
   */
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
