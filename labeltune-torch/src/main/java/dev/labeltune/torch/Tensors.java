package dev.labeltune.torch;

import ai.djl.ndarray.NDArray;

/** Pooling and normalization shared by the encoder's sentence embeddings and the label decoder's pointer. */
final class Tensors {
  private Tensors() {}

  /**
   * @param states {@code [batch, tokens, width]}
   * @param mask {@code [batch, tokens]}, 1 on real tokens
   * @return each sequence's mean over its real tokens, {@code [batch, width]}
   */
  static NDArray maskedMean(NDArray states, NDArray mask) {
    NDArray expanded = mask.expandDims(2);
    return states.mul(expanded).sum(new int[] {1}).div(expanded.sum(new int[] {1}));
  }

  /** @param x vectors along the last axis @return them scaled to unit length (zero vectors stay zero) */
  static NDArray unit(NDArray x) {
    return x.div(x.norm(new int[] {x.getShape().dimension() - 1}, true).maximum(1e-12f));
  }
}
