package dev.labeltune.torch.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One post-norm BERT Transformer layer: multi-head self-attention and a GELU feed-forward block,
 * each followed by dropout, a residual connection and layer norm. Inputs: token states
 * {@code [batch, seq, hidden]} and the additive attention bias {@code [batch, 1, 1, seq]} (see
 * {@link AttentionBlock#paddingBias}).
 */
final class BertLayer extends AbstractBlock {
  private final BertConfig config;
  private final AttentionBlock attention;
  private final LayerNorm attentionNorm;
  private final Linear intermediate;
  private final Linear output;
  private final LayerNorm outputNorm;
  private final Dropout dropout;

  BertLayer(BertConfig config, float dropoutRate) {
    this.config = config;
    attention = addChildBlock("attention", new AttentionBlock(config.hiddenSize(), config.heads(), dropoutRate));
    attentionNorm = addChildBlock("attention_norm", norm(config));
    intermediate = addChildBlock("intermediate", Linear.builder().setUnits(config.intermediateSize()).build());
    output = addChildBlock("output", Linear.builder().setUnits(config.hiddenSize()).build());
    outputNorm = addChildBlock("output_norm", norm(config));
    dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
  }

  private static LayerNorm norm(BertConfig config) {
    return LayerNorm.builder().axis(2).optEpsilon(config.layerNormEpsilon()).build();
  }

  /**
   * @param prefix the layer's name prefix, e.g. {@code encoder.layer.0.}
   * @return this layer's parameters under their original names
   */
  Map<String, Parameter> weights(String prefix) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    put(out, prefix + "attention.self.query", attention.query, "weight", "bias");
    put(out, prefix + "attention.self.key", attention.key, "weight", "bias");
    put(out, prefix + "attention.self.value", attention.value, "weight", "bias");
    put(out, prefix + "attention.output.dense", attention.output, "weight", "bias");
    put(out, prefix + "attention.output.LayerNorm", attentionNorm, "gamma", "beta");
    put(out, prefix + "intermediate.dense", intermediate, "weight", "bias");
    put(out, prefix + "output.dense", output, "weight", "bias");
    put(out, prefix + "output.LayerNorm", outputNorm, "gamma", "beta");
    return out;
  }

  private static void put(Map<String, Parameter> out, String name, AbstractBlock block, String weight, String bias) {
    out.put(name + ".weight", block.getParameters().get(weight));
    out.put(name + ".bias", block.getParameters().get(bias));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray bias = inputs.get(1);
    NDArray context = attention.forward(store, new NDList(x, x, bias), training).singletonOrThrow();
    NDArray attended = Tensors.residual(dropout, context, x, attentionNorm, store, training);
    NDArray inner = Activation.gelu(intermediate.forward(store, new NDList(attended), training).singletonOrThrow());
    NDArray projected = output.forward(store, new NDList(inner), training).singletonOrThrow();
    return new NDList(Tensors.residual(dropout, projected, attended, outputNorm, store, training), bias);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape states = inputShapes[0];
    attention.initialize(manager, dataType, states, states, inputShapes[1]);
    intermediate.initialize(manager, dataType, states);
    output.initialize(manager, dataType, new Shape(states.get(0), states.get(1), config.intermediateSize()));
    attentionNorm.initialize(manager, dataType, states);
    outputNorm.initialize(manager, dataType, states);
    dropout.initialize(manager, dataType, states);
  }
}
