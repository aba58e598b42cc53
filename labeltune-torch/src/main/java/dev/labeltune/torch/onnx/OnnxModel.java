package dev.labeltune.torch.onnx;

import static dev.labeltune.internal.OnnxFormat.ATTRIBUTE_TENSOR;
import static dev.labeltune.internal.OnnxFormat.FLOAT;
import static dev.labeltune.internal.OnnxFormat.GRAPH_INITIALIZER;
import static dev.labeltune.internal.OnnxFormat.GRAPH_NODE;
import static dev.labeltune.internal.OnnxFormat.MODEL_GRAPH;
import static dev.labeltune.internal.OnnxFormat.NODE_ATTRIBUTE;
import static dev.labeltune.internal.OnnxFormat.NODE_INPUT;
import static dev.labeltune.internal.OnnxFormat.NODE_NAME;
import static dev.labeltune.internal.OnnxFormat.NODE_OP_TYPE;
import static dev.labeltune.internal.OnnxFormat.NODE_OUTPUT;
import static dev.labeltune.internal.OnnxFormat.TENSOR_DATA_LOCATION;
import static dev.labeltune.internal.OnnxFormat.TENSOR_DATA_TYPE;
import static dev.labeltune.internal.OnnxFormat.TENSOR_DIMS;
import static dev.labeltune.internal.OnnxFormat.TENSOR_FLOAT_DATA;
import static dev.labeltune.internal.OnnxFormat.TENSOR_NAME;
import static dev.labeltune.internal.OnnxFormat.TENSOR_RAW_DATA;
import static dev.labeltune.internal.OnnxFormat.WIRE_LENGTH_DELIMITED;

import dev.labeltune.internal.OnnxFormat;
import dev.labeltune.internal.ProtoWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ONNX model file read far enough to find its nodes and weights, and to write a copy with new
 * weight values: everything else in the file is carried over byte for byte.
 *
 * <p>Field numbers are those of {@code onnx.proto}. Weights stored as external data are not
 * supported (every built-in model stores them inline).
 */
public final class OnnxModel {

  /** One operator of the graph. */
  public record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

  /**
   * One weight tensor of the graph.
   *
   * @param name its name, which nodes use as an input
   * @param dims its shape
   * @param dataType the {@code TensorProto.DataType} code; {@link OnnxFormat#FLOAT} for float32
   */
  public record Initializer(String name, long[] dims, int dataType, int start, int end) {
    /** @return the number of elements */
    public long size() {
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      return n;
    }
  }

  private final byte[] bytes;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Initializer> initializers = new LinkedHashMap<>();
  private final Map<String, Initializer> constants = new LinkedHashMap<>();

  private OnnxModel(byte[] bytes) {
    this.bytes = bytes;
    ProtoReader model = new ProtoReader(bytes, 0, bytes.length);
    boolean sawGraph = false;
    while (model.next()) {
      if (model.fieldNumber() == MODEL_GRAPH && model.wireType() == WIRE_LENGTH_DELIMITED) {
        readGraph(model.message());
        sawGraph = true;
      }
    }
    if (!sawGraph || nodes.isEmpty()) {
      throw new OnnxFormatException("no graph found: not an ONNX model file");
    }
  }

  /**
   * @param bytes the contents of an {@code .onnx} file
   * @return the parsed model
   * @throws OnnxFormatException if the bytes are not a well-formed ONNX model
   */
  public static OnnxModel parse(byte[] bytes) {
    return new OnnxModel(Objects.requireNonNull(bytes, "bytes"));
  }

  /** @return the operators, in file order */
  public List<Node> nodes() {
    return nodes;
  }

  /** @return the weights by name, in file order */
  public Map<String, Initializer> initializers() {
    return initializers;
  }

  /**
   * @param name an initializer's name
   * @return its values
   * @throws OnnxFormatException if there is no such float32 initializer or its data is malformed
   */
  public float[] floats(String name) {
    Initializer init = initializers.get(name);
    if (init == null) {
      throw new OnnxFormatException("no initializer named '" + name + "'");
    }
    return decode(init);
  }

  /**
   * @param output the output name of a {@code Constant} node
   * @return its float32 value, if the graph has such a constant
   */
  public Optional<float[]> constant(String output) {
    Initializer c = constants.get(output);
    return c == null || c.dataType() != FLOAT ? Optional.empty() : Optional.of(decode(c));
  }

  private float[] decode(Initializer init) {
    String name = init.name();
    if (init.dataType() != FLOAT) {
      throw new OnnxFormatException("initializer '" + name + "' has data type " + init.dataType()
          + ", not float32 (is this a quantized model? only float32 models can be trained)");
    }
    long size = init.size();
    ProtoReader r = new ProtoReader(bytes, init.start(), init.end());
    while (r.next()) {
      if (r.fieldNumber() == TENSOR_RAW_DATA) {
        int length = r.valueEnd() - r.valueStart();
        if (length != size * Float.BYTES) {
          throw new OnnxFormatException("initializer '" + name + "' holds " + length + " bytes for shape "
              + Arrays.toString(init.dims()));
        }
        float[] out = new float[(int) size];
        ByteBuffer.wrap(bytes, r.valueStart(), length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
      }
      if (r.fieldNumber() == TENSOR_FLOAT_DATA && r.wireType() == WIRE_LENGTH_DELIMITED) {
        int length = r.valueEnd() - r.valueStart();
        if (length != size * Float.BYTES) {
          throw new OnnxFormatException("initializer '" + name + "' holds " + length / Float.BYTES
              + " floats for shape " + Arrays.toString(init.dims()));
        }
        float[] out = new float[(int) size];
        ByteBuffer.wrap(bytes, r.valueStart(), length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
      }
      if (r.fieldNumber() == TENSOR_DATA_LOCATION && r.varint() == 1) {
        throw new OnnxFormatException("initializer '" + name + "' is stored as external data, which is not supported");
      }
    }
    if (size == 0) {
      return new float[0];
    }
    throw new OnnxFormatException("initializer '" + name + "' has no inline float data");
  }

  /**
   * Writes a copy of this model with some float32 initializers replaced; every other byte of the
   * file is kept.
   *
   * @param replacements new values by initializer name; each must match the original's size
   * @return the new file's contents
   * @throws IllegalArgumentException if a name is unknown or a size differs
   */
  public byte[] withWeights(Map<String, float[]> replacements) {
    for (Map.Entry<String, float[]> e : replacements.entrySet()) {
      Initializer init = initializers.get(e.getKey());
      if (init == null || init.dataType() != FLOAT) {
        throw new IllegalArgumentException("No float32 initializer named '" + e.getKey() + "'");
      }
      if (init.size() != e.getValue().length) {
        throw new IllegalArgumentException("Initializer '" + e.getKey() + "' has " + init.size()
            + " values, the replacement " + e.getValue().length);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1024);
    ProtoReader model = new ProtoReader(bytes, 0, bytes.length);
    while (model.next()) {
      if (model.fieldNumber() == MODEL_GRAPH && model.wireType() == WIRE_LENGTH_DELIMITED) {
        ProtoWriter.writeLengthDelimited(out, MODEL_GRAPH, rewriteGraph(model.message(), replacements));
      } else {
        out.write(bytes, model.fieldStart(), model.fieldEnd() - model.fieldStart());
      }
    }
    return out.toByteArray();
  }

  private byte[] rewriteGraph(ProtoReader graph, Map<String, float[]> replacements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    while (graph.next()) {
      if (graph.fieldNumber() == GRAPH_INITIALIZER) {
        String name = tensorName(graph.message());
        float[] values = replacements.get(name);
        if (values != null) {
          ProtoWriter.writeLengthDelimited(out, GRAPH_INITIALIZER, rewriteTensor(graph.message(), values));
          continue;
        }
      }
      out.write(bytes, graph.fieldStart(), graph.fieldEnd() - graph.fieldStart());
    }
    return out.toByteArray();
  }

  private byte[] rewriteTensor(ProtoReader tensor, float[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(values.length * Float.BYTES + 256);
    while (tensor.next()) {
      int field = tensor.fieldNumber();
      if (field != TENSOR_RAW_DATA && field != TENSOR_FLOAT_DATA) {
        out.write(bytes, tensor.fieldStart(), tensor.fieldEnd() - tensor.fieldStart());
      }
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    ProtoWriter.writeLengthDelimited(out, TENSOR_RAW_DATA, raw.array());
    return out.toByteArray();
  }

  private void readGraph(ProtoReader graph) {
    while (graph.next()) {
      if (graph.wireType() != WIRE_LENGTH_DELIMITED) {
        continue;
      }
      if (graph.fieldNumber() == GRAPH_NODE) {
        nodes.add(readNode(graph.message(), constants));
      } else if (graph.fieldNumber() == GRAPH_INITIALIZER) {
        Initializer init = readTensor(graph.message(), graph.valueStart(), graph.valueEnd());
        initializers.put(init.name(), init);
      }
    }
  }

  /** Reads a node; a {@code Constant} node's tensor is recorded under its output name. */
  private static Node readNode(ProtoReader node, Map<String, Initializer> constants) {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    Initializer tensor = null;
    while (node.next()) {
      switch (node.fieldNumber()) {
        case NODE_INPUT -> inputs.add(node.string());
        case NODE_OUTPUT -> outputs.add(node.string());
        case NODE_NAME -> name = node.string();
        case NODE_OP_TYPE -> opType = node.string();
        case NODE_ATTRIBUTE -> {
          ProtoReader attribute = node.message();
          while (attribute.next()) {
            if (attribute.fieldNumber() == ATTRIBUTE_TENSOR && attribute.wireType() == WIRE_LENGTH_DELIMITED) {
              tensor = readTensor(attribute.message(), attribute.valueStart(), attribute.valueEnd());
            }
          }
        }
        default -> { }
      }
    }
    if ("Constant".equals(opType) && tensor != null && outputs.size() == 1) {
      constants.put(outputs.get(0), tensor);
    }
    return new Node(name, opType, List.copyOf(inputs), List.copyOf(outputs));
  }

  private static Initializer readTensor(ProtoReader tensor, int start, int end) {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = "";
    while (tensor.next()) {
      switch (tensor.fieldNumber()) {
        case TENSOR_DIMS -> {
          if (tensor.wireType() == WIRE_LENGTH_DELIMITED) {
            ProtoReader packed = tensor.message();
            while (packed.hasMore()) {
              dims.add(packed.readPackedVarint());
            }
          } else {
            dims.add(tensor.varint());
          }
        }
        case TENSOR_DATA_TYPE -> dataType = (int) tensor.varint();
        case TENSOR_NAME -> name = tensor.string();
        default -> { }
      }
    }
    return new Initializer(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, start, end);
  }

  private static String tensorName(ProtoReader tensor) {
    while (tensor.next()) {
      if (tensor.fieldNumber() == TENSOR_NAME) {
        return tensor.string();
      }
    }
    return "";
  }
}
