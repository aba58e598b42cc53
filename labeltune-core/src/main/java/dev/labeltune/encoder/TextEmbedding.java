package dev.labeltune.encoder;

import java.util.Objects;

/**
 * One text's embedding with what the encoder noticed about the text.
 *
 * @param vector the embedding
 * @param truncated whether the text was longer than the model's maximum and only its beginning was embedded
 * @param noKnownTokens whether none of its tokens is in the model's vocabulary
 * @since 0.1
 */
public record TextEmbedding(float[] vector, boolean truncated, boolean noKnownTokens) {
  /** Checks the vector is there. */
  public TextEmbedding {
    Objects.requireNonNull(vector, "vector");
  }

  /** @return a copy whose vector is not shared with this one */
  public TextEmbedding copy() {
    return new TextEmbedding(vector.clone(), truncated, noKnownTokens);
  }
}
