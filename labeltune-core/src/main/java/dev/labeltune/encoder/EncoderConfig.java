package dev.labeltune.encoder;

import java.util.Objects;

/**
 * The settings a model's authors document for turning its token states into sentence embeddings.
 *
 * @param pooling how token states are pooled
 * @param normalize whether embeddings are scaled to unit L2 norm (dot product is then cosine)
 * @param prefix text put before every input, e.g. {@code "query: "} for e5; empty for none
 * @param maxLength the maximum number of tokens, special tokens included; longer texts are
 *     truncated
 * @since 0.1
 */
public record EncoderConfig(Pooling pooling, boolean normalize, String prefix, int maxLength) {

  /** Validates the values. */
  public EncoderConfig {
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(prefix, "prefix");
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2, found " + maxLength);
    }
  }

  /**
   * @param maxLength a new maximum token count
   * @return a copy with that maximum length
   */
  public EncoderConfig withMaxLength(int maxLength) {
    return new EncoderConfig(pooling, normalize, prefix, maxLength);
  }
}
