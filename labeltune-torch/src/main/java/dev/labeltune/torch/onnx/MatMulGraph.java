package dev.labeltune.torch.onnx;

/**
 * An ONNX graph of a single float {@code MatMul}, {@code C[m x n] = A[m x k] B[k x n]}, both operands
 * inputs: the machine's matrix-multiply peak as the runtime that runs the encoders reaches it, to
 * set the encoders' own speed against.
 */
public final class MatMulGraph {
  private static final int IR_VERSION = 8;
  private static final int OPSET = 13;

  private MatMulGraph() {}

  /**
   * @param m rows of A
   * @param k columns of A, rows of B
   * @param n columns of B
   * @return the ONNX file's bytes, inputs {@code A} and {@code B}, output {@code C}
   */
  public static byte[] bytes(int m, int k, int n) {
    ProtoWriter node = new ProtoWriter().string(1, "A").string(1, "B").string(2, "C").string(4, "MatMul");
    ProtoWriter graph = new ProtoWriter().message(1, node).string(2, "matmul")
        .message(11, tensor("A", m, k)).message(11, tensor("B", k, n)).message(12, tensor("C", m, n));
    return new ProtoWriter().varint(1, IR_VERSION).string(2, "labeltune")
        .message(7, graph).message(8, new ProtoWriter().string(1, "").varint(2, OPSET)).bytes();
  }

  /** A ValueInfoProto of a 2-D float tensor. */
  private static ProtoWriter tensor(String name, int rows, int columns) {
    ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().varint(1, rows))
        .message(1, new ProtoWriter().varint(1, columns));
    ProtoWriter tensorType = new ProtoWriter().varint(1, OnnxModel.FLOAT).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }
}
