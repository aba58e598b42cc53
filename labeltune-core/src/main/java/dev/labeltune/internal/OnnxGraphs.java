package dev.labeltune.internal;

import static dev.labeltune.internal.OnnxFormat.*;

/**
 * Tiny ONNX graphs of one matrix product, written directly as protobuf, for ONNX Runtime to run:
 * its matrix multiply is several times faster than loops the JIT vectorizes.
 */
public final class OnnxGraphs {

  private OnnxGraphs() {}

  /**
   * {@code C[m x n] = A[m x k] B[k x n]}, both operands inputs.
   *
   * @return the ONNX file's bytes, inputs {@code A} and {@code B}, output {@code C}
   */
  public static byte[] matMul(int m, int k, int n) {
    ProtoWriter node = new ProtoWriter().string(NODE_INPUT, "A").string(NODE_INPUT, "B").string(NODE_OUTPUT, "C")
        .string(NODE_OP_TYPE, "MatMul");
    return model(node, tensor("A", dim(m), dim(k)), tensor("B", dim(k), dim(n)), tensor("C", dim(m), dim(n)));
  }

  /**
   * One step of softmax label tuning for several stacked runs: logits {@code L = X A^T} (N x m, m =
   * runs x k), a softmax over each run's k labels, and the gradient {@code G = ((P - Z) * S)^T X}
   * (m x d), where S scales each column: the data term of label tuning's gradient as the tuning
   * package's {@code LabelTuningObjective} (its home) writes it, here as two matrix products for the
   * lockstep runs of {@code StackedDescent}.
   *
   * @param runs runs stacked
   * @param k labels per run
   * @return the ONNX file's bytes: inputs {@code X} (N x d), {@code A} (m x d), {@code Z} (N x m),
   *     {@code S} (1 x m); output {@code G} (m x d)
   */
  public static byte[] softmaxGradient(int runs, int k) {
    int m = runs * k;
    ProtoWriter graph = new ProtoWriter()
        .message(GRAPH_NODE, node("Gemm", new String[] {"X", "A"}, "L", intAttribute("transB", 1)))
        .message(GRAPH_NODE, node("Reshape", new String[] {"L", "byRun"}, "L3"))
        .message(GRAPH_NODE, node("Softmax", new String[] {"L3"}, "P3", intAttribute("axis", -1)))
        .message(GRAPH_NODE, node("Reshape", new String[] {"P3", "flat"}, "P"))
        .message(GRAPH_NODE, node("Sub", new String[] {"P", "Z"}, "D"))
        .message(GRAPH_NODE, node("Mul", new String[] {"D", "S"}, "C"))
        .message(GRAPH_NODE, node("Gemm", new String[] {"C", "X"}, "G", intAttribute("transA", 1)))
        .string(GRAPH_NAME, "softmax-gradient")
        .message(GRAPH_INITIALIZER, int64Initializer("byRun", -1, runs, k))
        .message(GRAPH_INITIALIZER, int64Initializer("flat", -1, m))
        .message(GRAPH_INPUT, tensor("X", symbol("n"), symbol("d")))
        .message(GRAPH_INPUT, tensor("A", dim(m), symbol("d")))
        .message(GRAPH_INPUT, tensor("Z", symbol("n"), dim(m)))
        .message(GRAPH_INPUT, tensor("S", dim(1), dim(m)))
        .message(GRAPH_OUTPUT, tensor("G", dim(m), symbol("d")));
    return model(graph);
  }

  private static ProtoWriter node(String op, String[] inputs, String output, ProtoWriter... attributes) {
    ProtoWriter node = new ProtoWriter();
    for (String input : inputs) {
      node.string(NODE_INPUT, input);
    }
    node.string(NODE_OUTPUT, output).string(NODE_OP_TYPE, op);
    for (ProtoWriter attribute : attributes) {
      node.message(NODE_ATTRIBUTE, attribute);
    }
    return node;
  }

  /** A TensorProto of int64 values, little-endian raw data. */
  private static ProtoWriter int64Initializer(String name, long... values) {
    java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(values.length * Long.BYTES)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      raw.putLong(v);
    }
    return new ProtoWriter().varint(TENSOR_DIMS, values.length).varint(TENSOR_DATA_TYPE, INT64).string(TENSOR_NAME, name)
        .bytes(TENSOR_RAW_DATA, raw.array());
  }

  private static byte[] model(ProtoWriter node, ProtoWriter a, ProtoWriter b, ProtoWriter c) {
    return model(new ProtoWriter().message(GRAPH_NODE, node).string(GRAPH_NAME, "product").message(GRAPH_INPUT, a)
        .message(GRAPH_INPUT, b).message(GRAPH_OUTPUT, c));
  }

  private static byte[] model(ProtoWriter graph) {
    return new ProtoWriter().varint(MODEL_IR_VERSION, IR_VERSION).string(MODEL_PRODUCER_NAME, "labeltune")
        .message(MODEL_GRAPH, graph)
        .message(MODEL_OPSET_IMPORT, new ProtoWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, OPSET)).bytes();
  }

  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_INT_VALUE, value)
        .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
  }

  private static ProtoWriter dim(int value) {
    return new ProtoWriter().varint(DIM_VALUE, value);
  }

  private static ProtoWriter symbol(String name) {
    return new ProtoWriter().string(DIM_PARAM, name);
  }

  /** A ValueInfoProto of a 2-D float tensor. */
  private static ProtoWriter tensor(String name, ProtoWriter rows, ProtoWriter columns) {
    ProtoWriter shape = new ProtoWriter().message(SHAPE_DIM, rows).message(SHAPE_DIM, columns);
    ProtoWriter tensorType = new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, FLOAT).message(TENSOR_TYPE_SHAPE, shape);
    return new ProtoWriter().string(VALUE_INFO_NAME, name)
        .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR, tensorType));
  }
}
