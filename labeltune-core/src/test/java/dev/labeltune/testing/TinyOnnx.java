package dev.labeltune.testing;

import static dev.labeltune.internal.OnnxFormat.*;

import dev.labeltune.internal.ProtoWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes tiny ONNX graphs in protobuf wire format, so tests can exercise model variations (no
 * {@code token_type_ids}, only a pooled output, unnamed outputs) without binary fixtures.
 *
 * <p>The graph embeds {@code input_ids mod vocab} with a fixed table; with {@link #pooled} it also
 * mean-pools over the attention mask. Field numbers are {@code OnnxFormat}'s.
 */
public final class TinyOnnx {
  private final int vocab;
  private final int dim;
  private final List<String> inputs = new ArrayList<>(List.of("input_ids", "attention_mask"));
  private final List<byte[]> nodes = new ArrayList<>();
  private final List<byte[]> initializers = new ArrayList<>();
  private final List<byte[]> outputs = new ArrayList<>();

  private TinyOnnx(int vocab, int dim) {
    this.vocab = vocab;
    this.dim = dim;
  }

  /**
   * @param vocab rows of the embedding table
   * @param dim embedding size
   * @return a graph whose token states are {@code table[id % vocab]}, exposed as {@code tokenOutput}
   */
  public static TinyOnnx tokenStates(int vocab, int dim, String tokenOutput) {
    TinyOnnx g = new TinyOnnx(vocab, dim);
    g.initializers.add(tensor("table", FLOAT, new long[] {vocab, dim}, floats(table(vocab, dim))));
    g.initializers.add(tensor("vocab", INT64, new long[] {}, longs(vocab)));
    g.nodes.add(node("Mod", List.of("input_ids", "vocab"), "ids"));
    g.nodes.add(node("Gather", List.of("table", "ids"), tokenOutput));
    return g;
  }

  /**
   * Adds a mean-pooled output over the attention mask and makes it the only output.
   *
   * @param tokenStates name of the token-state tensor
   * @param name name of the pooled output
   * @return this graph
   */
  public TinyOnnx pooled(String tokenStates, String name) {
    initializers.add(tensor("axis_last", INT64, new long[] {1}, longs(-1)));
    initializers.add(tensor("axis_seq", INT64, new long[] {1}, longs(1)));
    nodes.add(castNode("attention_mask", "maskf"));
    nodes.add(node("Unsqueeze", List.of("maskf", "axis_last"), "mask3"));
    nodes.add(node("Mul", List.of(tokenStates, "mask3"), "masked"));
    nodes.add(reduceSum("masked", "summed"));
    nodes.add(reduceSum("mask3", "count"));
    nodes.add(node("Div", List.of("summed", "count"), name));
    outputs.add(valueInfo(name, FLOAT, new Object[] {"batch", (long) dim}));
    return this;
  }

  /** @param name exposes the token states under this name @return this graph */
  public TinyOnnx tokenOutput(String name) {
    outputs.add(valueInfo(name, FLOAT, new Object[] {"batch", "seq", (long) dim}));
    return this;
  }

  /** @param name an extra int64 [batch, seq] input the graph ignores @return this graph */
  public TinyOnnx extraInput(String name) {
    inputs.add(name);
    return this;
  }

  /** The embedding table: row r, column j holds a fixed pseudo-random value. */
  public static float[] table(int vocab, int dim) {
    float[] t = new float[vocab * dim];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) Math.sin(i * 0.7 + 1);
    }
    return t;
  }

  /** @return the serialized ModelProto */
  public byte[] toBytes() {
    ProtoWriter graph = new ProtoWriter();
    nodes.forEach(n -> graph.bytes(GRAPH_NODE, n));
    graph.string(GRAPH_NAME, "tiny");
    initializers.forEach(t -> graph.bytes(GRAPH_INITIALIZER, t));
    for (String input : inputs) {
      graph.bytes(GRAPH_INPUT, valueInfo(input, INT64, new Object[] {"batch", "seq"}));
    }
    outputs.forEach(o -> graph.bytes(GRAPH_OUTPUT, o));
    ProtoWriter opset = new ProtoWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION, OPSET);
    return new ProtoWriter().varint(MODEL_IR_VERSION, IR_VERSION).string(MODEL_PRODUCER_NAME, "labeltune-tests")
        .message(MODEL_GRAPH, graph).message(MODEL_OPSET_IMPORT, opset).bytes();
  }

  private static byte[] node(String op, List<String> in, String out) {
    ProtoWriter n = new ProtoWriter();
    in.forEach(i -> n.string(NODE_INPUT, i));
    return n.string(NODE_OUTPUT, out).string(NODE_NAME, op + "_" + out).string(NODE_OP_TYPE, op).bytes();
  }

  /** ReduceSum over the sequence axis with keepdims = 0. */
  private static byte[] reduceSum(String in, String out) {
    return new ProtoWriter().string(NODE_INPUT, in).string(NODE_INPUT, "axis_seq").string(NODE_OUTPUT, out)
        .string(NODE_NAME, "ReduceSum_" + out).string(NODE_OP_TYPE, "ReduceSum")
        .message(NODE_ATTRIBUTE, intAttribute("keepdims", 0)).bytes();
  }

  private static byte[] castNode(String in, String out) {
    return new ProtoWriter().string(NODE_INPUT, in).string(NODE_OUTPUT, out).string(NODE_NAME, "Cast_" + out)
        .string(NODE_OP_TYPE, "Cast").message(NODE_ATTRIBUTE, intAttribute("to", FLOAT)).bytes();
  }

  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_INT_VALUE, value)
        .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
  }

  private static byte[] tensor(String name, int type, long[] dims, byte[] raw) {
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.varint(TENSOR_DIMS, d);
    }
    return t.varint(TENSOR_DATA_TYPE, type).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw).bytes();
  }

  private static byte[] valueInfo(String name, int type, Object[] dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      shape.message(SHAPE_DIM, d instanceof Long v ? new ProtoWriter().varint(DIM_VALUE, v)
          : new ProtoWriter().string(DIM_PARAM, (String) d));
    }
    ProtoWriter tensorType = new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, type).message(TENSOR_TYPE_SHAPE, shape);
    return new ProtoWriter().string(VALUE_INFO_NAME, name)
        .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR, tensorType)).bytes();
  }

  private static byte[] floats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static byte[] longs(long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }
}
