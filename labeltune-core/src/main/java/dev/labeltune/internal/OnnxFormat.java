package dev.labeltune.internal;

/**
 * The ONNX file format as LabelTune reads and writes it: protobuf field numbers of the messages of
 * {@code onnx.proto} it touches, the data types it uses and protobuf's wire types. The one place
 * these numbers are written: the graphs LabelTune makes ({@link OnnxGraphs}, with {@link
 * ProtoWriter}), the reader that finds and replaces a model's weights ({@code torch.onnx.OnnxModel})
 * and the test models all take them from here.
 */
public final class OnnxFormat {
  private OnnxFormat() {}

  /** The IR version of the graphs LabelTune writes. */
  public static final int IR_VERSION = 8;
  /** The default-domain operator set of the graphs LabelTune writes. */
  public static final int OPSET = 13;

  /** Protobuf wire type: varint. */
  public static final int WIRE_VARINT = 0;
  /** Protobuf wire type: 64-bit. */
  public static final int WIRE_FIXED64 = 1;
  /** Protobuf wire type: length-delimited (strings, bytes, messages, packed repeated fields). */
  public static final int WIRE_LENGTH_DELIMITED = 2;
  /** Protobuf wire type: 32-bit. */
  public static final int WIRE_FIXED32 = 5;

  /** {@code ModelProto.ir_version}. */
  public static final int MODEL_IR_VERSION = 1;
  /** {@code ModelProto.producer_name}. */
  public static final int MODEL_PRODUCER_NAME = 2;
  /** {@code ModelProto.graph}. */
  public static final int MODEL_GRAPH = 7;
  /** {@code ModelProto.opset_import}. */
  public static final int MODEL_OPSET_IMPORT = 8;

  /** {@code OperatorSetIdProto.domain}. */
  public static final int OPSET_DOMAIN = 1;
  /** {@code OperatorSetIdProto.version}. */
  public static final int OPSET_VERSION = 2;

  /** {@code GraphProto.node}. */
  public static final int GRAPH_NODE = 1;
  /** {@code GraphProto.name}. */
  public static final int GRAPH_NAME = 2;
  /** {@code GraphProto.initializer}. */
  public static final int GRAPH_INITIALIZER = 5;
  /** {@code GraphProto.input}. */
  public static final int GRAPH_INPUT = 11;
  /** {@code GraphProto.output}. */
  public static final int GRAPH_OUTPUT = 12;

  /** {@code NodeProto.input}. */
  public static final int NODE_INPUT = 1;
  /** {@code NodeProto.output}. */
  public static final int NODE_OUTPUT = 2;
  /** {@code NodeProto.name}. */
  public static final int NODE_NAME = 3;
  /** {@code NodeProto.op_type}. */
  public static final int NODE_OP_TYPE = 4;
  /** {@code NodeProto.attribute}. */
  public static final int NODE_ATTRIBUTE = 5;

  /** {@code AttributeProto.name}. */
  public static final int ATTRIBUTE_NAME = 1;
  /** {@code AttributeProto.i}. */
  public static final int ATTRIBUTE_INT_VALUE = 3;
  /** {@code AttributeProto.t}. */
  public static final int ATTRIBUTE_TENSOR = 5;
  /** {@code AttributeProto.type}. */
  public static final int ATTRIBUTE_TYPE = 20;
  /** {@code AttributeProto.AttributeType.INT}. */
  public static final int ATTRIBUTE_TYPE_INT = 2;

  /** {@code TensorProto.dims}. */
  public static final int TENSOR_DIMS = 1;
  /** {@code TensorProto.data_type}. */
  public static final int TENSOR_DATA_TYPE = 2;
  /** {@code TensorProto.float_data}. */
  public static final int TENSOR_FLOAT_DATA = 4;
  /** {@code TensorProto.name}. */
  public static final int TENSOR_NAME = 8;
  /** {@code TensorProto.raw_data}. */
  public static final int TENSOR_RAW_DATA = 9;
  /** {@code TensorProto.data_location}. */
  public static final int TENSOR_DATA_LOCATION = 14;

  /** {@code ValueInfoProto.name}. */
  public static final int VALUE_INFO_NAME = 1;
  /** {@code ValueInfoProto.type}. */
  public static final int VALUE_INFO_TYPE = 2;
  /** {@code TypeProto.tensor_type}. */
  public static final int TYPE_TENSOR = 1;
  /** {@code TypeProto.Tensor.elem_type}. */
  public static final int TENSOR_TYPE_ELEM_TYPE = 1;
  /** {@code TypeProto.Tensor.shape}. */
  public static final int TENSOR_TYPE_SHAPE = 2;
  /** {@code TensorShapeProto.dim}. */
  public static final int SHAPE_DIM = 1;
  /** {@code TensorShapeProto.Dimension.dim_value}. */
  public static final int DIM_VALUE = 1;
  /** {@code TensorShapeProto.Dimension.dim_param}. */
  public static final int DIM_PARAM = 2;

  /** {@code TensorProto.DataType.FLOAT}. */
  public static final int FLOAT = 1;
  /** {@code TensorProto.DataType.INT64}. */
  public static final int INT64 = 7;
}
