package dev.labeltune.torch.network;

import dev.labeltune.ModelLoadException;
import dev.labeltune.internal.OnnxFormat;
import dev.labeltune.torch.onnx.OnnxModel;
import dev.labeltune.torch.onnx.OnnxModel.Initializer;
import dev.labeltune.torch.onnx.OnnxModel.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a BERT-family encoder's weights in its ONNX export and names them as the original model
 * does ({@code encoder.layer.0.attention.self.query.weight}, ...).
 *
 * <p>Exports keep biases, layer norms and embeddings under their names, but store each dense weight
 * as an unnamed {@code MatMul} initializer of shape {@code [in, out]}. Such a weight is identified
 * by the named bias of the {@code Add} that consumes the {@code MatMul}'s output, and transposed to
 * the usual {@code [out, in]} layout.
 *
 * @since 0.1
 */
public final class BertWeights {
  private static final int UINT8 = 2;
  private static final int INT8 = 3;

  private record Source(String initializer, boolean transposed) {}

  private final OnnxModel model;
  private final BertConfig config;
  private final Map<String, Source> sources;

  private BertWeights(OnnxModel model, BertConfig config, Map<String, Source> sources) {
    this.model = model;
    this.config = config;
    this.sources = sources;
  }

  /**
   * @param model a parsed ONNX export of a BERT-family encoder
   * @return its weights, located
   * @throws ModelLoadException if the graph is not a float32 BERT export this class understands
   */
  public static BertWeights locate(OnnxModel model) {
    boolean quantized = model.initializers().values().stream()
        .anyMatch(i -> i.dataType() == INT8 || i.dataType() == UINT8);
    if (quantized) {
      throw new ModelLoadException("Not a BERT-family encoder export this version can train: the graph holds "
          + "8-bit weights; quantized models cannot be fine-tuned, use the float32 model");
    }
    Map<String, Source> sources = new LinkedHashMap<>();
    String prefix = namePrefix(model);
    for (Initializer init : model.initializers().values()) {
      if (init.name().startsWith(prefix) && init.dataType() == OnnxFormat.FLOAT) {
        sources.put(init.name().substring(prefix.length()), new Source(init.name(), false));
      }
    }
    Map<String, Node> producers = producers(model);
    for (Node add : model.nodes()) {
      if (!add.opType().equals("Add") || add.inputs().size() != 2) {
        continue;
      }
      for (int side = 0; side < 2; side++) {
        String bias = add.inputs().get(side);
        Node matMul = producers.get(add.inputs().get(1 - side));
        if (bias.startsWith(prefix) && bias.endsWith(".bias") && matMul != null && matMul.opType().equals("MatMul")
            && model.initializers().containsKey(matMul.inputs().get(1))) {
          String weight = bias.substring(prefix.length(), bias.length() - "bias".length()) + "weight";
          sources.put(weight, new Source(matMul.inputs().get(1), true));
        }
      }
    }
    BertConfig config = config(model, sources, producers);
    for (String name : parameterNames(config)) {
      if (!sources.containsKey(name)) {
        throw new ModelLoadException("Not a BERT-family encoder export this version can train: weight '" + name
            + "' not found in the ONNX graph");
      }
    }
    return new BertWeights(model, config, sources);
  }

  /** @return the model's shape */
  public BertConfig config() {
    return config;
  }

  /** @return the graph the weights were read from */
  public OnnxModel model() {
    return model;
  }

  /**
   * @param config a shape
   * @return the names of every trainable weight of a BERT encoder of that shape
   */
  public static List<String> parameterNames(BertConfig config) {
    List<String> names = new ArrayList<>(List.of(
        "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
    for (int i = 0; i < config.layers(); i++) {
      String layer = "encoder.layer." + i + ".";
      for (String dense : List.of("attention.self.query", "attention.self.key", "attention.self.value",
          "attention.output.dense", "intermediate.dense", "output.dense",
          "attention.output.LayerNorm", "output.LayerNorm")) {
        names.add(layer + dense + ".weight");
        names.add(layer + dense + ".bias");
      }
    }
    return names;
  }

  /**
   * @param name a weight's name
   * @return its values, dense weights in {@code [out, in]} row-major layout
   */
  public float[] values(String name) {
    Source source = require(name);
    float[] raw = model.floats(source.initializer());
    if (!source.transposed()) {
      return raw;
    }
    long[] dims = model.initializers().get(source.initializer()).dims();
    return transpose(raw, (int) dims[0], (int) dims[1]);
  }

  /**
   * @param name a weight's name
   * @return its shape in the layout {@link #values} returns
   */
  public long[] shape(String name) {
    Source source = require(name);
    long[] dims = model.initializers().get(source.initializer()).dims().clone();
    if (source.transposed()) {
      return new long[] {dims[1], dims[0]};
    }
    return dims;
  }

  /**
   * Writes a copy of the ONNX graph holding new values for the named weights.
   *
   * @param values new values by weight name, in the layout {@link #values} returns
   * @return the new ONNX file's contents
   */
  public byte[] export(Map<String, float[]> values) {
    Map<String, float[]> replacements = new HashMap<>();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      Source source = require(e.getKey());
      float[] v = e.getValue();
      if (source.transposed()) {
        long[] dims = model.initializers().get(source.initializer()).dims();
        v = transpose(v, (int) dims[1], (int) dims[0]);
      }
      replacements.put(source.initializer(), v);
    }
    return model.withWeights(replacements);
  }

  private Source require(String name) {
    Source source = sources.get(name);
    if (source == null) {
      throw new IllegalArgumentException("No weight named '" + name + "'");
    }
    return source;
  }

  private static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  /** Exports of a task model nest the encoder, e.g. under {@code bert.}; find that prefix. */
  private static String namePrefix(OnnxModel model) {
    for (String name : model.initializers().keySet()) {
      int at = name.indexOf("embeddings.word_embeddings.weight");
      if (at >= 0) {
        return name.substring(0, at);
      }
    }
    throw new ModelLoadException("Not a BERT-family encoder export: no 'embeddings.word_embeddings.weight' "
        + "initializer (quantized or optimized graphs cannot be trained)");
  }

  private static Map<String, Node> producers(OnnxModel model) {
    Map<String, Node> producers = new HashMap<>();
    for (Node node : model.nodes()) {
      for (String output : node.outputs()) {
        producers.put(output, node);
      }
    }
    return producers;
  }

  private static BertConfig config(OnnxModel model, Map<String, Source> sources, Map<String, Node> producers) {
    long[] words = shapeOf(model, sources, "embeddings.word_embeddings.weight");
    long[] positions = shapeOf(model, sources, "embeddings.position_embeddings.weight");
    long[] types = shapeOf(model, sources, "embeddings.token_type_embeddings.weight");
    long[] intermediate = shapeOf(model, sources, "encoder.layer.0.intermediate.dense.bias");
    int layers = 0;
    while (sources.containsKey("encoder.layer." + layers + ".attention.self.query.bias")) {
      layers++;
    }
    int hidden = (int) words[1];
    int headSize = attentionHeadSize(model, producers);
    return new BertConfig((int) words[0], hidden, layers, hidden / headSize, (int) intermediate[0],
        (int) positions[0], (int) types[0], layerNormEpsilon(model, producers));
  }

  private static long[] shapeOf(OnnxModel model, Map<String, Source> sources, String name) {
    Source source = sources.get(name);
    if (source == null) {
      throw new ModelLoadException("Not a BERT-family encoder export: weight '" + name + "' not found");
    }
    return model.initializers().get(source.initializer()).dims();
  }

  /** The scores feeding the first Softmax are divided by sqrt(head size), or multiplied by its inverse. */
  private static int attentionHeadSize(OnnxModel model, Map<String, Node> producers) {
    for (Node softmax : model.nodes()) {
      if (!softmax.opType().equals("Softmax")) {
        continue;
      }
      Node node = producers.get(softmax.inputs().get(0));
      for (int hop = 0; hop < 3 && node != null; hop++) {
        Optional<Float> scale = scalarInput(model, node);
        if (scale.isPresent() && node.opType().equals("Div")) {
          return Math.round(scale.get() * scale.get());
        }
        if (scale.isPresent() && node.opType().equals("Mul")) {
          return Math.round(1 / (scale.get() * scale.get()));
        }
        node = producers.get(node.inputs().get(0));
      }
    }
    throw new ModelLoadException("Cannot find the attention scaling in the ONNX graph, so the number of "
        + "attention heads is unknown");
  }

  /** A layer norm adds its epsilon to the variance before the Sqrt. */
  private static float layerNormEpsilon(OnnxModel model, Map<String, Node> producers) {
    for (Node sqrt : model.nodes()) {
      if (sqrt.opType().equals("Sqrt")) {
        Node add = producers.get(sqrt.inputs().get(0));
        if (add != null && add.opType().equals("Add")) {
          Optional<Float> eps = scalarInput(model, add);
          if (eps.isPresent()) {
            return eps.get();
          }
        }
      }
    }
    return 1e-12f;
  }

  private static Optional<Float> scalarInput(OnnxModel model, Node node) {
    for (String input : node.inputs()) {
      Optional<float[]> c = model.constant(input);
      if (c.isEmpty() && model.initializers().containsKey(input)
          && model.initializers().get(input).dataType() == OnnxFormat.FLOAT
          && model.initializers().get(input).size() == 1) {
        c = Optional.of(model.floats(input));
      }
      if (c.isPresent() && c.get().length == 1) {
        return Optional.of(c.get()[0]);
      }
    }
    return Optional.empty();
  }
}
