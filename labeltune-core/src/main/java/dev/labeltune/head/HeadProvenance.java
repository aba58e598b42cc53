package dev.labeltune.head;

import dev.labeltune.tuning.LabelTuningConfig;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a task head came from: the encoder it belongs to, how it was trained and when.
 *
 * @param encoderName the encoder's name
 * @param encoderFingerprint the encoder's weight fingerprint; a head only binds to an encoder with
 *     the same one
 * @param dimension embedding size
 * @param method how the label embeddings were made ({@code zero-shot}, {@code lt}, {@code lt-paper}, ...)
 * @param config the chosen label-tuning configuration, empty when the zero-shot embeddings were kept
 * @param cvMacroF1 cross-validated macro-F1 (0-100) of the chosen candidate, NaN when not measured
 * @param zeroShotMacroF1 macro-F1 (0-100) of the zero-shot embeddings on the examples, NaN when not measured
 * @param examples number of training examples
 * @param version the LabelTune version that wrote the head
 * @param created when the head was made
 * @since 0.1
 */
public record HeadProvenance(String encoderName, String encoderFingerprint, int dimension, String method,
    Optional<LabelTuningConfig> config, double cvMacroF1, double zeroShotMacroF1, int examples, String version,
    Instant created) {

  /** The LabelTune version recorded in new heads. */
  public static final String CURRENT_VERSION = "0.1.0";

  /** Validates. */
  public HeadProvenance {
    Objects.requireNonNull(encoderName, "encoderName");
    Objects.requireNonNull(encoderFingerprint, "encoderFingerprint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(created, "created");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, found " + dimension);
    }
    if (examples < 0) {
      throw new IllegalArgumentException("examples must not be negative, found " + examples);
    }
  }
}
