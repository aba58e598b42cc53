package dev.labeltune.torch.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * Pooling and normalization shared by the encoder's sentence embeddings and the label decoder's pointer,
 * and the numbers every network of this module computes with.
 */
public final class Tensors {
  private Tensors() {}

  /**
   * The post-norm residual connection of a transformer layer: {@code norm(dropout(in) + skip)}.
   *
   * @param dropout the layer's dropout
   * @param in the sub-layer's output
   * @param skip its input
   * @param norm the sub-layer's layer norm
   * @param store the parameter store of the forward pass
   * @param training whether dropout is on
   * @return the connection's output
   */
  public static NDArray residual(Dropout dropout, NDArray in, NDArray skip, LayerNorm norm, ParameterStore store,
      boolean training) {
    NDArray dropped = dropout.forward(store, new NDList(in), training).singletonOrThrow();
    return norm.forward(store, new NDList(dropped.add(skip)), training).singletonOrThrow();
  }

  /**
   * @param states {@code [batch, tokens, width]}
   * @param mask {@code [batch, tokens]}, 1 on real tokens
   * @return each sequence's mean over its real tokens, {@code [batch, width]}
   */
  public static NDArray maskedMean(NDArray states, NDArray mask) {
    NDArray expanded = mask.expandDims(2);
    return states.mul(expanded).sum(new int[] {1}).div(expanded.sum(new int[] {1}));
  }

  /** @param x vectors along the last axis @return them scaled to unit length (zero vectors stay zero) */
  public static NDArray unit(NDArray x) {
    NDArray norm = x.norm(new int[] {x.getShape().dimension() - 1}, true);
    return x.div(norm.maximum(constant(norm, 1e-12f)));
  }

  /**
   * A number for arithmetic that gradients flow through. DJL's number overloads ({@code x.mul(2f)})
   * wrap the number in a Java buffer and close its array at once, but autograd keeps the tensor for
   * the backward pass (to multiply or compare by it): once the garbage collector frees the buffer,
   * the gradients read whatever then lies there. This tensor's memory belongs to PyTorch.
   *
   * @param like an array whose manager, device and type the number takes
   * @param value the number
   * @return a 0-dimensional array
   */
  public static NDArray constant(NDArray like, float value) {
    return like.getManager().full(new Shape(), value, like.getDataType());
  }
}
