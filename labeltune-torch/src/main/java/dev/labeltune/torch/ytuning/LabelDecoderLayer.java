package dev.labeltune.torch.ytuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.labeltune.torch.network.AttentionBlock;
import dev.labeltune.torch.network.Tensors;

/**
 * One Transformer decoder layer over label vectors: self-attention among the labels,
 * cross-attention from the labels to the text's token features (padding masked), a GELU
 * feed-forward block; each with dropout, a residual connection and layer norm. Inputs: label states
 * {@code [batch, labels, width]}, token features {@code [batch, tokens, width]} and their padding
 * bias {@code [batch, 1, 1, tokens]}; outputs the new label states and passes the others on.
 */
final class LabelDecoderLayer extends AbstractBlock {
  private static final float LAYER_NORM_EPSILON = 1e-5f;

  private final int width;
  private final AttentionBlock selfAttention;
  private final LayerNorm selfNorm;
  private final AttentionBlock crossAttention;
  private final LayerNorm crossNorm;
  private final Linear expand;
  private final Linear contract;
  private final LayerNorm feedForwardNorm;
  private final Dropout dropout;

  LabelDecoderLayer(int width, int heads, float dropoutRate) {
    this.width = width;
    selfAttention = addChildBlock("self", new AttentionBlock(width, heads, dropoutRate));
    selfNorm = addChildBlock("self_norm", norm());
    crossAttention = addChildBlock("cross", new AttentionBlock(width, heads, dropoutRate));
    crossNorm = addChildBlock("cross_norm", norm());
    expand = addChildBlock("expand", Linear.builder().setUnits(4L * width).build());
    contract = addChildBlock("contract", Linear.builder().setUnits(width).build());
    feedForwardNorm = addChildBlock("feed_forward_norm", norm());
    dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
  }

  private static LayerNorm norm() {
    return LayerNorm.builder().axis(2).optEpsilon(LAYER_NORM_EPSILON).build();
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray labels = inputs.get(0);
    NDArray features = inputs.get(1);
    NDArray featureBias = inputs.get(2);
    NDArray attended = selfAttention.forward(store, new NDList(labels, labels), training).singletonOrThrow();
    NDArray x = Tensors.residual(dropout, attended, labels, selfNorm, store, training);
    NDArray crossed = crossAttention.forward(store, new NDList(x, features, featureBias), training).singletonOrThrow();
    x = Tensors.residual(dropout, crossed, x, crossNorm, store, training);
    NDArray inner = Activation.gelu(expand.forward(store, new NDList(x), training).singletonOrThrow());
    NDArray out = contract.forward(store, new NDList(inner), training).singletonOrThrow();
    return new NDList(Tensors.residual(dropout, out, x, feedForwardNorm, store, training), features, featureBias);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape labels = inputShapes[0];
    Shape features = inputShapes[1];
    selfAttention.initialize(manager, dataType, labels, labels);
    crossAttention.initialize(manager, dataType, labels, features, inputShapes[2]);
    expand.initialize(manager, dataType, labels);
    contract.initialize(manager, dataType, new Shape(labels.get(0), labels.get(1), 4L * width));
    for (LayerNorm n : new LayerNorm[] {selfNorm, crossNorm, feedForwardNorm}) {
      n.initialize(manager, dataType, labels);
    }
    dropout.initialize(manager, dataType, labels);
  }
}
