package dev.labeltune.encoder;

import java.util.Objects;

/**
 * Embeddings of a batch of texts with what the encoder noticed about each text. The arrays are
 * handed over, not copied: the encoder keeps no reference to them.
 *
 * @param vectors one embedding per text, in input order
 * @param truncated per text, whether it was longer than the model's maximum and only its beginning
 *     was embedded
 * @param noKnownTokens per text, whether none of its tokens is in the model's vocabulary (only
 *     emoji or an unknown script, say): its embedding says nothing about what it means, and any
 *     label it gets is a guess
 * @since 0.1
 */
public record TextEmbeddings(float[][] vectors, boolean[] truncated, boolean[] noKnownTokens) {

  /** Checks that the arrays line up. */
  public TextEmbeddings {
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(truncated, "truncated");
    Objects.requireNonNull(noKnownTokens, "noKnownTokens");
    if (truncated.length != vectors.length || noKnownTokens.length != vectors.length) {
      throw new IllegalArgumentException("Expected " + vectors.length + " flags per kind, found "
          + truncated.length + " and " + noKnownTokens.length);
    }
  }

  /**
   * @param vectors embeddings of texts about which nothing was noticed
   * @return them, with every flag false
   */
  public static TextEmbeddings of(float[][] vectors) {
    return new TextEmbeddings(vectors, new boolean[vectors.length], new boolean[vectors.length]);
  }

  /**
   * @param i a text's index
   * @return its embedding and flags; the vector is shared with this batch
   */
  public TextEmbedding get(int i) {
    return new TextEmbedding(vectors[i], truncated[i], noKnownTokens[i]);
  }

  /** @return the number of texts */
  public int size() {
    return vectors.length;
  }
}
