package dev.labeltune;

/**
 * Thrown when a model cannot be found or loaded: unknown name, missing files, a graph without the
 * inputs or outputs a sentence encoder needs, or a corrupt file.
 *
 * @since 0.1
 */
public class ModelLoadException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /** @param message what could not be loaded and why */
  public ModelLoadException(String message) {
    super(message);
  }

  /**
   * @param message what could not be loaded and why
   * @param cause the underlying failure
   */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
