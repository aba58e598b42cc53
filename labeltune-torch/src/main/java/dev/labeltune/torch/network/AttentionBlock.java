package dev.labeltune.torch.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product attention with input and output projections. Inputs: queries
 * {@code [batch, n, width]}, memory {@code [batch, m, memoryWidth]} (the queries themselves for
 * self-attention) and an additive bias broadcastable to {@code [batch, heads, n, m]} (0 where
 * attention is allowed, a large negative value where it is not), or no bias. Queries of batch 1
 * are shared by every memory of the batch: they are projected once. Output:
 * {@code [batch, n, width]}.
 */
public final class AttentionBlock extends AbstractBlock {
  /** Added to the scores of masked positions; exp() of it is exactly 0 in float32. */
  static final float MASKED = -1e9f;

  private final int width;
  private final int heads;
  final Linear query;
  final Linear key;
  final Linear value;
  final Linear output;
  private final Dropout dropout;

  public AttentionBlock(int width, int heads, float dropoutRate) {
    if (width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not divisible into " + heads + " heads");
    }
    this.width = width;
    this.heads = heads;
    query = addChildBlock("query", Linear.builder().setUnits(width).build());
    key = addChildBlock("key", Linear.builder().setUnits(width).build());
    value = addChildBlock("value", Linear.builder().setUnits(width).build());
    output = addChildBlock("output", Linear.builder().setUnits(width).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
  }

  /**
   * Turns a {@code [batch, m]} mask (1 on real positions) into the additive bias this block takes.
   *
   * @param mask float mask
   * @return {@code [batch, 1, 1, m]}
   */
  public static NDArray paddingBias(NDArray mask) {
    Shape shape = mask.getShape();
    NDArray padding = Tensors.constant(mask, 1f).sub(mask);
    return padding.mul(Tensors.constant(padding, MASKED)).reshape(shape.get(0), 1, 1, shape.get(1));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray memory = inputs.get(1);
    long n = x.getShape().get(1);
    long m = memory.getShape().get(1);
    long batch = Math.max(x.getShape().get(0), memory.getShape().get(0));
    int headSize = width / heads;
    NDArray q = split(query, store, x, training, x.getShape().get(0), n, headSize);
    NDArray k = split(key, store, memory, training, memory.getShape().get(0), m, headSize);
    NDArray v = split(value, store, memory, training, memory.getShape().get(0), m, headSize);
    NDArray dots = q.matMul(k.transpose(0, 1, 3, 2));
    NDArray scores = dots.div(Tensors.constant(dots, (float) Math.sqrt(headSize)));
    if (inputs.size() > 2) {
      scores = scores.add(inputs.get(2));
    }
    NDArray probs = dropout.forward(store, new NDList(scores.softmax(-1)), training).singletonOrThrow();
    NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, n, width);
    return output.forward(store, new NDList(context), training);
  }

  /** Projects and splits into heads: {@code [batch, heads, length, headSize]}. */
  private NDArray split(Linear projection, ParameterStore store, NDArray x, boolean training, long batch,
      long length, int headSize) {
    return projection.forward(store, new NDList(x), training).singletonOrThrow()
        .reshape(batch, length, heads, headSize)
        .transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    return new Shape[] {new Shape(x.get(0), x.get(1), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    query.initialize(manager, dataType, inputShapes[0]);
    key.initialize(manager, dataType, inputShapes[1]);
    value.initialize(manager, dataType, inputShapes[1]);
    Shape context = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), width);
    output.initialize(manager, dataType, context);
    dropout.initialize(manager, dataType, context);
  }
}
