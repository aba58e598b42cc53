package dev.labeltune.torch.network;

/**
 * The shape of a BERT-family encoder, as read from its ONNX graph.
 *
 * @param vocabSize rows of the word-embedding table
 * @param hiddenSize width of every token state
 * @param layers number of Transformer layers
 * @param heads attention heads per layer
 * @param intermediateSize width of the feed-forward block
 * @param maxPositions rows of the position-embedding table
 * @param typeVocabSize rows of the token-type table
 * @param layerNormEpsilon the epsilon of every layer norm
 * @since 0.1
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize,
    int maxPositions, int typeVocabSize, float layerNormEpsilon) {

  /** Validates the shape. */
  public BertConfig {
    if (heads <= 0 || hiddenSize % heads != 0) {
      throw new IllegalArgumentException("hidden size " + hiddenSize + " is not divisible into " + heads + " heads");
    }
    if (layers <= 0 || vocabSize <= 0 || intermediateSize <= 0 || maxPositions <= 0 || typeVocabSize <= 0) {
      throw new IllegalArgumentException("invalid BERT shape " + this);
    }
  }

  /** @return the width of one attention head */
  public int headSize() {
    return hiddenSize / heads;
  }

  /**
   * Floating-point operations (two per multiply-add) of one forward pass over a padded batch: per
   * layer, the query, key, value and output projections (8 T h^2 for T = rows x seqLen tokens), the
   * feed-forward block (4 T h f) and attention's two products (4 rows seqLen^2 h). Embeddings, norms,
   * softmax and activations are a few percent and left out.
   *
   * @param rows texts in the batch
   * @param seqLen padded tokens per text
   * @return the operation count
   */
  public double forwardFlops(int rows, int seqLen) {
    double tokens = (double) rows * seqLen;
    double h = hiddenSize;
    return layers * (8 * tokens * h * h + 4 * tokens * h * intermediateSize + 4.0 * rows * seqLen * seqLen * h);
  }
}
