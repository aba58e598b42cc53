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
 * @param temperature the softmax temperature over dot products at which the model's label
 *     probabilities are calibrated: {@value #DEFAULT_TEMPERATURE} for a pre-trained sentence
 *     encoder, the one its fine-tuning fitted for a fine-tuned one
 * @since 0.1
 */
public record EncoderConfig(Pooling pooling, boolean normalize, String prefix, int maxLength, double temperature) {
  /** The temperature of normalized pre-trained embeddings, whose cosines lie close together. */
  public static final double DEFAULT_TEMPERATURE = 0.05;

  /** Validates the values. */
  public EncoderConfig {
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(prefix, "prefix");
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2, found " + maxLength);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, found " + temperature);
    }
  }

  /** Settings at the {@value #DEFAULT_TEMPERATURE} temperature of a pre-trained encoder. */
  public EncoderConfig(Pooling pooling, boolean normalize, String prefix, int maxLength) {
    this(pooling, normalize, prefix, maxLength, DEFAULT_TEMPERATURE);
  }

  /**
   * @param maxLength a new maximum token count
   * @return a copy with that maximum length
   */
  public EncoderConfig withMaxLength(int maxLength) {
    return new EncoderConfig(pooling, normalize, prefix, maxLength, temperature);
  }

  /**
   * @param temperature the temperature the model's probabilities are calibrated at
   * @return a copy with it
   */
  public EncoderConfig withTemperature(double temperature) {
    return new EncoderConfig(pooling, normalize, prefix, maxLength, temperature);
  }
}
