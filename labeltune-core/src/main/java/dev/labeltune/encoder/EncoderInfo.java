package dev.labeltune.encoder;

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
}
