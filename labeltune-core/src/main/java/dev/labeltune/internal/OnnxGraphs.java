package dev.labeltune.internal;

/**
 * Tiny ONNX graphs of one matrix product, written directly as protobuf, for ONNX Runtime to run:
 * its matrix multiply is several times faster than loops the JIT vectorizes.
 */
public final class OnnxGraphs {
  private static final int IR_VERSION = 8;
  private static final int OPSET = 13;
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int ATTRIBUTE_INT = 2;

  private OnnxGraphs() {}

  /**
   * {@code C[m x n] = A[m x k] B[k x n]}, both operands inputs.
   *
   * @return the ONNX file's bytes, inputs {@code A} and {@code B}, output {@code C}
   */
  public static byte[] matMul(int m, int k, int n) {
    ProtoWriter node = new ProtoWriter().string(1, "A").string(1, "B").string(2, "C").string(4, "MatMul");
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
        .message(1, node("Gemm", new String[] {"X", "A"}, "L", intAttribute("transB", 1)))
        .message(1, node("Reshape", new String[] {"L", "byRun"}, "L3"))
        .message(1, node("Softmax", new String[] {"L3"}, "P3", intAttribute("axis", -1)))
        .message(1, node("Reshape", new String[] {"P3", "flat"}, "P"))
        .message(1, node("Sub", new String[] {"P", "Z"}, "D"))
        .message(1, node("Mul", new String[] {"D", "S"}, "C"))
        .message(1, node("Gemm", new String[] {"C", "X"}, "G", intAttribute("transA", 1)))
        .string(2, "softmax-gradient")
        .message(5, int64Initializer("byRun", -1, runs, k))
        .message(5, int64Initializer("flat", -1, m))
        .message(11, tensor("X", symbol("n"), symbol("d")))
        .message(11, tensor("A", dim(m), symbol("d")))
        .message(11, tensor("Z", symbol("n"), dim(m)))
        .message(11, tensor("S", dim(1), dim(m)))
        .message(12, tensor("G", dim(m), symbol("d")));
    return new ProtoWriter().varint(1, IR_VERSION).string(2, "labeltune").message(7, graph)
        .message(8, new ProtoWriter().string(1, "").varint(2, OPSET)).bytes();
  }

  private static ProtoWriter node(String op, String[] inputs, String output, ProtoWriter... attributes) {
    ProtoWriter node = new ProtoWriter();
    for (String input : inputs) {
      node.string(1, input);
    }
    node.string(2, output).string(4, op);
    for (ProtoWriter attribute : attributes) {
      node.message(5, attribute);
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
    return new ProtoWriter().varint(1, values.length).varint(2, INT64).string(8, name).bytes(9, raw.array());
  }

  private static byte[] model(ProtoWriter node, ProtoWriter a, ProtoWriter b, ProtoWriter c) {
    ProtoWriter graph = new ProtoWriter().message(1, node).string(2, "product").message(11, a).message(11, b)
        .message(12, c);
    return new ProtoWriter().varint(1, IR_VERSION).string(2, "labeltune").message(7, graph)
        .message(8, new ProtoWriter().string(1, "").varint(2, OPSET)).bytes();
  }

  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
  }

  private static ProtoWriter dim(int value) {
    return new ProtoWriter().varint(1, value);
  }

  private static ProtoWriter symbol(String name) {
    return new ProtoWriter().string(2, name);
  }

  /** A ValueInfoProto of a 2-D float tensor. */
  private static ProtoWriter tensor(String name, ProtoWriter rows, ProtoWriter columns) {
    ProtoWriter shape = new ProtoWriter().message(1, rows).message(1, columns);
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }
}
