package dev.labeltune.torch.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder: embeddings and a stack of Transformer layers. Inputs: token ids
 * {@code [batch, seq]} (int64) and the attention mask {@code [batch, seq]} (1 on real tokens);
 * output: the last hidden states {@code [batch, seq, hidden]}.
 */
final class BertEncoderBlock extends AbstractBlock {
  private final BertEmbeddings embeddings;
  private final List<BertLayer> layers = new ArrayList<>();

  BertEncoderBlock(BertConfig config, float dropoutRate) {
    embeddings = addChildBlock("embeddings", new BertEmbeddings(config, dropoutRate));
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("layer_" + i, new BertLayer(config, dropoutRate)));
    }
  }

  /** @return every parameter under its original name */
  Map<String, Parameter> weights() {
    Map<String, Parameter> out = new LinkedHashMap<>(embeddings.weights());
    for (int i = 0; i < layers.size(); i++) {
      out.putAll(layers.get(i).weights("encoder.layer." + i + "."));
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false);
    NDArray bias = AttentionBlock.paddingBias(mask);
    NDList states = new NDList(embeddings.forward(store, new NDList(ids), training).singletonOrThrow(), bias);
    for (BertLayer layer : layers) {
      states = layer.forward(store, states, training);
    }
    return new NDList(states.get(0));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return embeddings.getOutputShapes(new Shape[] {inputShapes[0]});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    embeddings.initialize(manager, dataType, inputShapes[0]);
    Shape states = embeddings.getOutputShapes(new Shape[] {inputShapes[0]})[0];
    Shape bias = new Shape(inputShapes[0].get(0), 1, 1, inputShapes[0].get(1));
    for (BertLayer layer : layers) {
      layer.initialize(manager, dataType, states, bias);
    }
  }
}
