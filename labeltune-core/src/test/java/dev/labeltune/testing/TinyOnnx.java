package dev.labeltune.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes tiny ONNX graphs in protobuf wire format, so tests can exercise model variations (no
 * {@code token_type_ids}, only a pooled output, unnamed outputs) without binary fixtures.
 *
 * <p>The graph embeds {@code input_ids mod vocab} with a fixed table; with {@link #pooled} it also
 * mean-pools over the attention mask. Field numbers follow onnx.proto (IR version 8, opset 13).
 */
public final class TinyOnnx {
  private static final int FLOAT = 1;
  private static final int INT64 = 7;

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
    Proto graph = new Proto();
    nodes.forEach(n -> graph.bytes(1, n));
    graph.string(2, "tiny");
    initializers.forEach(t -> graph.bytes(5, t));
    for (String input : inputs) {
      graph.bytes(11, valueInfo(input, INT64, new Object[] {"batch", "seq"}));
    }
    outputs.forEach(o -> graph.bytes(12, o));
    Proto opset = new Proto().string(1, "").varint(2, 13);
    return new Proto().varint(1, 8).string(2, "labeltune-tests").bytes(7, graph.toBytes()).bytes(8, opset.toBytes())
        .toBytes();
  }

  private static byte[] node(String op, List<String> in, String out) {
    Proto n = new Proto();
    in.forEach(i -> n.string(1, i));
    return n.string(2, out).string(3, op + "_" + out).string(4, op).toBytes();
  }

  /** ReduceSum over the sequence axis with keepdims = 0. */
  private static byte[] reduceSum(String in, String out) {
    byte[] keepdims = new Proto().string(1, "keepdims").varint(3, 0).varint(20, 2).toBytes();
    return new Proto().string(1, in).string(1, "axis_seq").string(2, out).string(3, "ReduceSum_" + out)
        .string(4, "ReduceSum").bytes(5, keepdims).toBytes();
  }

  private static byte[] castNode(String in, String out) {
    byte[] to = new Proto().string(1, "to").varint(3, FLOAT).varint(20, 2).toBytes();
    return new Proto().string(1, in).string(2, out).string(3, "Cast_" + out).string(4, "Cast").bytes(5, to).toBytes();
  }

  private static byte[] tensor(String name, int type, long[] dims, byte[] raw) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, type).string(8, name).bytes(9, raw).toBytes();
  }

  private static byte[] valueInfo(String name, int type, Object[] dims) {
    Proto shape = new Proto();
    for (Object d : dims) {
      Proto dim = d instanceof Long v ? new Proto().varint(1, v) : new Proto().string(2, (String) d);
      shape.bytes(1, dim.toBytes());
    }
    byte[] tensorType = new Proto().varint(1, type).bytes(2, shape.toBytes()).toBytes();
    byte[] typeProto = new Proto().bytes(1, tensorType).toBytes();
    return new Proto().string(1, name).bytes(2, typeProto).toBytes();
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

  /** A minimal protobuf message writer: varint and length-delimited fields. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      writeVarint(((long) field << 3));
      writeVarint(value);
      return this;
    }

    Proto bytes(int field, byte[] value) {
      writeVarint(((long) field << 3) | 2);
      writeVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    Proto string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private void writeVarint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }
}
