package dev.labeltune.torch;

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
 * {@code [batch, seq, hidden]} and the additive attention bias {@code [batch, 1, 1, seq]} (0 on
 * real tokens, a large negative value on padding).
 */
final class BertLayer extends AbstractBlock {
  private final BertConfig config;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear attentionOutput;
  private final LayerNorm attentionNorm;
  private final Linear intermediate;
  private final Linear output;
  private final LayerNorm outputNorm;
  private final Dropout dropout;

  BertLayer(BertConfig config, float dropoutRate) {
    this.config = config;
    int hidden = config.hiddenSize();
    query = addChildBlock("query", Linear.builder().setUnits(hidden).build());
    key = addChildBlock("key", Linear.builder().setUnits(hidden).build());
    value = addChildBlock("value", Linear.builder().setUnits(hidden).build());
    attentionOutput = addChildBlock("attention_output", Linear.builder().setUnits(hidden).build());
    attentionNorm = addChildBlock("attention_norm", norm(config));
    intermediate = addChildBlock("intermediate", Linear.builder().setUnits(config.intermediateSize()).build());
    output = addChildBlock("output", Linear.builder().setUnits(hidden).build());
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
    put(out, prefix + "attention.self.query", query, "weight", "bias");
    put(out, prefix + "attention.self.key", key, "weight", "bias");
    put(out, prefix + "attention.self.value", value, "weight", "bias");
    put(out, prefix + "attention.output.dense", attentionOutput, "weight", "bias");
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
    NDArray attentionBias = inputs.get(1);
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long seqLen = shape.get(1);
    NDArray q = heads(query, store, x, training, batch, seqLen);
    NDArray k = heads(key, store, x, training, batch, seqLen);
    NDArray v = heads(value, store, x, training, batch, seqLen);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(config.headSize())).add(attentionBias);
    NDArray probs = dropout.forward(store, new NDList(scores.softmax(-1)), training).singletonOrThrow();
    NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, seqLen, config.hiddenSize());
    NDArray attended = residual(attentionOutput, attentionNorm, store, context, x, training);
    NDArray inner = Activation.gelu(intermediate.forward(store, new NDList(attended), training).singletonOrThrow());
    return new NDList(residual(output, outputNorm, store, inner, attended, training), attentionBias);
  }

  /** Projects and splits into heads: {@code [batch, heads, seq, headSize]}. */
  private NDArray heads(Linear projection, ParameterStore store, NDArray x, boolean training, long batch, long seqLen) {
    return projection.forward(store, new NDList(x), training).singletonOrThrow()
        .reshape(batch, seqLen, config.heads(), config.headSize())
        .transpose(0, 2, 1, 3);
  }

  private NDArray residual(Linear dense, LayerNorm norm, ParameterStore store, NDArray in, NDArray skip,
      boolean training) {
    NDArray projected = dense.forward(store, new NDList(in), training).singletonOrThrow();
    NDArray dropped = dropout.forward(store, new NDList(projected), training).singletonOrThrow();
    return norm.forward(store, new NDList(dropped.add(skip)), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape states = inputShapes[0];
    Shape wide = new Shape(states.get(0), states.get(1), config.intermediateSize());
    for (Linear l : new Linear[] {query, key, value, attentionOutput}) {
      l.initialize(manager, dataType, states);
    }
    intermediate.initialize(manager, dataType, states);
    output.initialize(manager, dataType, wide);
    attentionNorm.initialize(manager, dataType, states);
    outputNorm.initialize(manager, dataType, states);
    dropout.initialize(manager, dataType, states);
  }
}
