package dev.labeltune.torch.ytuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.labeltune.torch.network.AttentionBlock;
import dev.labeltune.torch.network.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Y-Tuning's label side (psi): a task vector and {@code m} vectors per label pass through decoder
 * layers that attend to a text's frozen token features; a label pointer maps each label's output
 * vectors to one score: a learned projection, or (with {@link YTuningOptions.Pointer#SIMILARITY})
 * the cosine of a learned projection with the text's mean-pooled features. Inputs: token features
 * {@code [batch, tokens, hidden]} and their mask {@code [batch, tokens]} (1 on real tokens);
 * output: scores {@code [batch, labels]}.
 */
final class LabelDecoder extends AbstractBlock {
  /** Matches label tuning's score scale: cosines times 20 leave room for the hinge margin of 1. */
  private static final float SIMILARITY_SCALE = 20f;

  private final int labels;
  private final int vectorsPerLabel;
  private final int hidden;
  private final int width;
  private final Parameter labelVectors;
  private final Linear projection;
  private final List<LabelDecoderLayer> layers = new ArrayList<>();
  private final Linear pointer;
  private final Parameter pointerProjection;

  /**
   * @param labels K
   * @param hidden the encoder's hidden size, the width of features and label vectors
   * @param options the decoder's shape
   */
  LabelDecoder(int labels, int hidden, YTuningOptions options) {
    this.labels = labels;
    this.vectorsPerLabel = options.vectorsPerLabel();
    this.hidden = hidden;
    this.width = options.width() == 0 ? hidden : options.width();
    if (width % options.heads() != 0) {
      throw new IllegalArgumentException("width " + width + " is not divisible into " + options.heads() + " heads");
    }
    labelVectors = addParameter(Parameter.builder().setName("label_vectors").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(1 + (long) labels * vectorsPerLabel, hidden)).build());
    projection = width == hidden ? null : addChildBlock("projection", Linear.builder().setUnits(width).build());
    for (int i = 0; i < options.layers(); i++) {
      layers.add(addChildBlock("layer_" + i, new LabelDecoderLayer(width, options.heads(), options.training().dropout())));
    }
    if (options.pointer() == YTuningOptions.Pointer.LINEAR) {
      pointer = addChildBlock("pointer", Linear.builder().setUnits(1).build());
      pointerProjection = null;
    } else {
      pointer = null;
      pointerProjection = addParameter(Parameter.builder().setName("pointer_projection")
          .setType(Parameter.Type.WEIGHT).optShape(new Shape(width, width))
          .optInitializer((manager, shape, type) -> manager.eye((int) shape.get(0)).toType(type, false)).build());
    }
  }

  /** @return the parameter holding the task vector (row 0) and the label vectors, label-major */
  Parameter labelVectors() {
    return labelVectors;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray features = inputs.get(0);
    NDArray mask = inputs.get(1);
    long batch = features.getShape().get(0);
    NDArray vectors = store.getValue(labelVectors, features.getDevice(), training);
    // A result belongs to its first operand's manager: starting from the batch's own array keeps
    // every label-side intermediate in the batch's scope instead of the long-lived parameters'.
    // One copy, not one per text: the first layer's self-attention does not depend on the text, so
    // it runs once per batch and broadcasts at the cross-attention.
    NDArray queries = features.getManager().zeros(new Shape(1, vectors.getShape().get(0), hidden)).add(vectors);
    if (projection != null) {
      features = projection.forward(store, new NDList(features), training).singletonOrThrow();
      queries = projection.forward(store, new NDList(queries), training).singletonOrThrow();
    }
    NDList states = new NDList(queries, features, AttentionBlock.paddingBias(mask));
    for (LabelDecoderLayer layer : layers) {
      states = layer.forward(store, states, training);
    }
    NDArray labelStates = states.get(0).get(":, 1:, :");
    NDArray scores = pointer != null
        ? pointer.forward(store, new NDList(labelStates), training).singletonOrThrow()
        : similarity(labelStates.matMul(store.getValue(pointerProjection, features.getDevice(), training)),
            features, mask);
    return new NDList(scores.reshape(batch, labels, vectorsPerLabel).mean(new int[] {2}));
  }

  /** Scaled cosines of label states {@code [batch, rows, width]} with each text's mean token feature. */
  private static NDArray similarity(NDArray labelStates, NDArray features, NDArray mask) {
    NDArray textUnit = Tensors.unit(Tensors.maskedMean(features, mask)).expandDims(1);
    NDArray cosines = Tensors.unit(labelStates).mul(textUnit).sum(new int[] {2});
    return cosines.mul(Tensors.constant(cosines, SIMILARITY_SCALE));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), labels)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long batch = inputShapes[0].get(0);
    long tokens = inputShapes[0].get(1);
    long rows = 1 + (long) labels * vectorsPerLabel;
    if (projection != null) {
      projection.initialize(manager, dataType, inputShapes[0]);
    }
    Shape queries = new Shape(batch, rows, width);
    Shape features = new Shape(batch, tokens, width);
    Shape bias = new Shape(batch, 1, 1, tokens);
    for (LabelDecoderLayer layer : layers) {
      layer.initialize(manager, dataType, queries, features, bias);
    }
    if (pointer != null) {
      pointer.initialize(manager, dataType, new Shape(batch, rows - 1, width));
    }
  }
}
