package dev.labeltune.encoder;

import dev.labeltune.IncompatibleHeadException;
import java.util.Objects;

/**
 * The identity of a loaded encoder. Two encoders with the same {@link #fingerprint()} run the same
 * weights; task heads are bound to it.
 *
 * @param name the model name (a built-in name or the model directory's name)
 * @param fingerprint {@code sha256:} plus the hex SHA-256 of the weights file
 * @param dimension embedding size
 * @param config pooling, normalization, prefix and maximum length in effect
 * @since 0.1
 */
public record EncoderInfo(String name, String fingerprint, int dimension, EncoderConfig config) {

  /** Validates the values. */
  public EncoderInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(config, "config");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, found " + dimension);
    }
  }

  /**
   * Checks that something trained on an encoder (a head, a Y-tuned decoder) was trained on this one:
   * the same weights and embedding size.
   *
   * @param what what was trained, for the message ("head", "Y-tuned head")
   * @param encoderName the name of the encoder it was trained on
   * @param encoderFingerprint that encoder's fingerprint
   * @param trainedDimension that encoder's embedding size
   * @throws IncompatibleHeadException naming both encoders, if they differ
   */
  public void requireTrainedOn(String what, String encoderName, String encoderFingerprint, int trainedDimension) {
    if (!fingerprint.equals(encoderFingerprint) || dimension != trainedDimension) {
      throw new IncompatibleHeadException("This " + what + " was trained for encoder '" + encoderName + "' ("
          + encoderFingerprint + ", " + trainedDimension + " dimensions), but the loaded encoder is '" + name + "' ("
          + fingerprint + ", " + dimension + " dimensions); load '" + encoderName + "' or retrain the " + what);
    }
  }
}
