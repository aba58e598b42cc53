package dev.labeltune.torch.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BERT's input layer: word + position + token-type embeddings, layer norm, dropout. Takes token
 * ids {@code [batch, seq]} (int64) and returns token states {@code [batch, seq, hidden]}. Every
 * input is a single segment, so the token type is always 0.
 */
final class BertEmbeddings extends AbstractBlock {
  private final BertConfig config;
  private final Parameter words;
  private final Parameter positions;
  private final Parameter types;
  private final LayerNorm norm;
  private final Dropout dropout;

  BertEmbeddings(BertConfig config, float dropoutRate) {
    this.config = config;
    words = addParameter(Parameter.builder().setName("word_embeddings").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(config.vocabSize(), config.hiddenSize())).build());
    positions = addParameter(Parameter.builder().setName("position_embeddings").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(config.maxPositions(), config.hiddenSize())).build());
    types = addParameter(Parameter.builder().setName("token_type_embeddings").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(config.typeVocabSize(), config.hiddenSize())).build());
    norm = addChildBlock("LayerNorm", LayerNorm.builder().axis(2).optEpsilon(config.layerNormEpsilon()).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
  }

  /** @return this block's parameters under their original names */
  Map<String, Parameter> weights() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    out.put("embeddings.word_embeddings.weight", words);
    out.put("embeddings.position_embeddings.weight", positions);
    out.put("embeddings.token_type_embeddings.weight", types);
    out.put("embeddings.LayerNorm.weight", norm.getParameters().get("gamma"));
    out.put("embeddings.LayerNorm.bias", norm.getParameters().get("beta"));
    return out;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    long seqLen = ids.getShape().get(1);
    NDManager manager = ids.getManager();
    NDArray wordTable = store.getValue(words, ids.getDevice(), training);
    NDArray positionTable = store.getValue(positions, ids.getDevice(), training);
    NDArray typeTable = store.getValue(types, ids.getDevice(), training);
    NDArray positionIds = manager.arange(0, seqLen, 1, DataType.INT64);
    NDArray x = embed(ids, wordTable)
        .add(embed(positionIds, positionTable))
        .add(embed(manager.zeros(new Shape(1), DataType.INT64), typeTable));
    NDList normed = norm.forward(store, new NDList(x), training);
    return dropout.forward(store, normed, training);
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape states = inputShapes[0].add(config.hiddenSize());
    norm.initialize(manager, dataType, states);
    dropout.initialize(manager, dataType, states);
  }
}
