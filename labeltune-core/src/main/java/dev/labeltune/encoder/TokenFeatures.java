package dev.labeltune.encoder;

import dev.labeltune.math.Vectors;

/**
 * The last hidden states of one text: one row of {@code dimension} floats per real token, special
 * tokens included and padding removed, so every row is attended to.
 *
 * @param states {@code length x dimension} hidden states
 * @since 0.1
 */
public record TokenFeatures(float[][] states) {

  /** Validates the shape and copies the rows. */
  public TokenFeatures {
    if (states.length == 0) {
      throw new IllegalArgumentException("Token features need at least one token, found 0");
    }
    for (float[] row : states) {
      if (row.length != states[0].length) {
        throw new IllegalArgumentException(
            "Token rows must share one dimension, found " + states[0].length + " and " + row.length);
      }
    }
    states = Vectors.copy(states);
  }

  /** @return number of tokens */
  public int length() {
    return states.length;
  }

  /** @return the hidden size */
  public int dimension() {
    return states[0].length;
  }

  /** @return a copy of the hidden states */
  @Override
  public float[][] states() {
    return Vectors.copy(states);
  }
}
