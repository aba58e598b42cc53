package dev.labeltune.torch;

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
}
