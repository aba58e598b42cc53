package dev.labeltune.encoder;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * How token-level hidden states become one sentence embedding.
 *
 * @since 0.1
 */
public enum Pooling {
  /** Mean over the non-padding tokens (sentence-transformers, e5). */
  MEAN,
  /** The hidden state of the first ([CLS]) token (bge). */
  CLS;

  /**
   * Pools one row of a right-padded {@code [batch, seqLen, dim]} hidden-state buffer.
   *
   * @param hidden the flat hidden states
   * @param row which sequence of the batch
   * @param seqLen padded sequence length of the batch
   * @param length number of real tokens in this row (its attention mask is 1 on the first
   *     {@code length} positions)
   * @param out receives {@code dim} floats
   */
  void pool(FloatBuffer hidden, int row, int seqLen, int length, float[] out) {
    int dim = out.length;
    int base = row * seqLen * dim;
    if (this == CLS) {
      hidden.get(base, out, 0, dim);
      return;
    }
    Arrays.fill(out, 0f);
    for (int t = 0; t < length; t++) {
      int off = base + t * dim;
      for (int j = 0; j < dim; j++) {
        out[j] += hidden.get(off + j);
      }
    }
    float inv = 1f / length;
    for (int j = 0; j < dim; j++) {
      out[j] *= inv;
    }
  }
}
