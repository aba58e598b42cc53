package dev.labeltune.torch.onnx;

import dev.labeltune.ModelLoadException;

/** The bytes are not a well-formed ONNX model, or not one this reader understands. */
public final class OnnxFormatException extends ModelLoadException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and where */
  public OnnxFormatException(String message) {
    super("Invalid ONNX model: " + message);
  }
}
