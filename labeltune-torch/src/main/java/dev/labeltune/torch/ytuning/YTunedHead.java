package dev.labeltune.torch.ytuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.data.LabelNames;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.head.HeadContainer;
import dev.labeltune.head.HeadFields;
import dev.labeltune.head.HeadLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Y-tuned task: the trained label decoder's weights, the labels and their texts, the settings,
 * the softmax temperature, and the identity of the frozen encoder it reads (name, weight
 * fingerprint, hidden size). One file, written atomically in the checksummed {@link HeadContainer}
 * format; {@link #bind} refuses an encoder with other weights. Many heads share one encoder.
 *
 * @since 0.1
 */
public final class YTunedHead {
  /** The {@code format} of Y-tuned head files. */
  public static final String FORMAT = "labeltune-ytune-head";
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> labels;
  private final List<String> labelTexts;
  private final String encoderName;
  private final String encoderFingerprint;
  private final int dimension;
  private final YTuningOptions options;
  private final double temperature;
  private final int epochs;
  private final double heldOutAccuracy;
  private final int examples;
  private final Map<String, float[]> weights;
  private final Map<String, long[]> shapes;
  private final Instant created;
  private final double trainingSeconds;

  YTunedHead(List<String> labels, List<String> labelTexts, String encoderName, String encoderFingerprint,
      int dimension, YTuningOptions options, double temperature, int epochs, double heldOutAccuracy, int examples,
      Map<String, float[]> weights, Map<String, long[]> shapes, Instant created, double trainingSeconds) {
    this.labels = LabelNames.checkAll(labels);
    this.labelTexts = List.copyOf(labelTexts);
    this.encoderName = Objects.requireNonNull(encoderName, "encoderName");
    this.encoderFingerprint = Objects.requireNonNull(encoderFingerprint, "encoderFingerprint");
    this.dimension = dimension;
    this.options = Objects.requireNonNull(options, "options");
    this.temperature = Double.isNaN(temperature) ? temperature : ScoringOptions.checkTemperature(temperature);
    this.epochs = epochs;
    this.heldOutAccuracy = heldOutAccuracy;
    this.examples = examples;
    this.weights = new LinkedHashMap<>(weights);
    this.shapes = new LinkedHashMap<>(shapes);
    this.created = created;
    this.trainingSeconds = trainingSeconds;
  }

  /** @return the label names, in score order */
  public List<String> labels() {
    return labels;
  }

  /** @return each label's text */
  public List<String> labelTexts() {
    return labelTexts;
  }

  /** @return the name of the encoder whose token states the decoder reads */
  public String encoderName() {
    return encoderName;
  }

  /** @return the SHA-256 fingerprint of that encoder's weights */
  public String encoderFingerprint() {
    return encoderFingerprint;
  }

  /** @return the settings it was trained with */
  public YTuningOptions options() {
    return options;
  }

  /** @return the softmax temperature fitted on held-out examples, NaN when none were held out */
  public double temperature() {
    return temperature;
  }

  /** @return epochs of the final training run */
  public int epochs() {
    return epochs;
  }

  /** @return the held-out accuracy at the epoch count chosen, NaN when none were held out */
  public double heldOutAccuracy() {
    return heldOutAccuracy;
  }

  /** @return the wall-clock seconds training took, features included; NaN for a loaded head */
  public double trainingSeconds() {
    return trainingSeconds;
  }

  /** @return the number of trained values */
  public long parameterCount() {
    return weights.values().stream().mapToLong(w -> w.length).sum();
  }

  Map<String, float[]> weights() {
    return weights;
  }

  Map<String, long[]> shapes() {
    return shapes;
  }

  int dimension() {
    return dimension;
  }

  /**
   * @param encoder the shared encoder this head was trained on
   * @return a classifier; the caller closes it (the encoder stays open)
   * @throws IncompatibleHeadException if the encoder's weights or size differ
   */
  public YTunedClassifier bind(Encoder encoder) {
    encoder.info().requireTrainedOn("Y-tuned head", encoderName, encoderFingerprint, dimension);
    return new YTunedClassifier(encoder, this);
  }

  /**
   * @param file the file to create or replace, atomically
   * @throws IOException if writing fails; the file is then left as it was
   */
  public void save(Path file) throws IOException {
    ObjectNode root = HeadContainer.create(FORMAT, VERSION);
    ArrayNode labelArray = root.putArray("labels");
    labels.forEach(labelArray::add);
    ArrayNode textArray = root.putArray("labelTexts");
    labelTexts.forEach(textArray::add);
    ObjectNode encoder = root.putObject("encoder");
    encoder.put("name", encoderName);
    encoder.put("fingerprint", encoderFingerprint);
    encoder.put("dimension", dimension);
    root.set("options", JSON.valueToTree(options));
    HeadFields.putNumber(root, "temperature", temperature);
    root.put("epochs", epochs);
    HeadFields.putNumber(root, "heldOutAccuracy", heldOutAccuracy);
    root.put("examples", examples);
    root.put("created", created.toString());
    ArrayNode weightArray = root.putArray("weights");
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      ObjectNode w = weightArray.addObject();
      w.put("name", e.getKey());
      ArrayNode shape = w.putArray("shape");
      for (long d : shapes.get(e.getKey())) {
        shape.add(d);
      }
      w.put("data", HeadFields.encode(e.getValue()));
    }
    HeadContainer.write(root, file, HeadLimits.defaults());
  }

  /**
   * @param file a file written by {@link #save}
   * @return the head
   * @throws IncompatibleHeadException if the file is not a Y-tuned head, is corrupt or truncated, or
   *     has a newer format version
   * @throws IOException if it cannot be read
   */
  public static YTunedHead load(Path file) throws IOException {
    return load(file, HeadLimits.defaults());
  }

  /**
   * @param file a file written by {@link #save}
   * @param limits largest file, label count and dimension accepted, checked before allocating
   * @return the head
   * @throws IncompatibleHeadException if the file is over the limits, not a Y-tuned head, corrupt or
   *     truncated, or has a newer format version
   * @throws IOException if it cannot be read
   */
  public static YTunedHead load(Path file, HeadLimits limits) throws IOException {
    ObjectNode root = HeadContainer.read(file, FORMAT, VERSION, "Y-tuned head", limits);
    try {
      JsonNode encoder = HeadFields.object(root, "encoder");
      Map<String, float[]> weights = new LinkedHashMap<>();
      Map<String, long[]> shapes = new LinkedHashMap<>();
      JsonNode weightArray = root.get("weights");
      if (weightArray == null || !weightArray.isArray()) {
        throw new IllegalArgumentException("'weights' must be an array");
      }
      for (JsonNode w : weightArray) {
        JsonNode shapeNode = w.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > 8) {
          throw new IllegalArgumentException("'shape' must be an array of at most 8 sizes");
        }
        long[] shape = new long[shapeNode.size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = HeadFields.integer(shapeNode, i, 1, Integer.MAX_VALUE);
          size = Math.multiplyExact(size, shape[i]);
        }
        String name = HeadFields.text(w, "name");
        shapes.put(name, shape);
        weights.put(name, HeadFields.floats(w, "data", size));
      }
      return new YTunedHead(HeadFields.strings(root, "labels", limits.maxLabels()),
          HeadFields.strings(root, "labelTexts", limits.maxLabels()), HeadFields.text(encoder, "name"),
          HeadFields.text(encoder, "fingerprint"),
          (int) HeadFields.integer(encoder, "dimension", 1, limits.maxDimension()),
          JSON.treeToValue(withDefaultClip(HeadFields.object(root, "options")), YTuningOptions.class),
          HeadFields.optionalNumber(root, "temperature"),
          (int) HeadFields.integer(root, "epochs", 0, Integer.MAX_VALUE),
          HeadFields.optionalNumber(root, "heldOutAccuracy"),
          (int) HeadFields.integer(root, "examples", 0, Integer.MAX_VALUE), weights,
          shapes, Instant.parse(HeadFields.text(root, "created")), Double.NaN);
    } catch (RuntimeException | IOException e) {
      throw HeadContainer.corrupt(file, "missing or invalid field: " + e.getMessage(), e);
    }
  }

  /** Files written before the clip was a setting lack it; they were trained with the norm clipped at 1. */
  private static JsonNode withDefaultClip(JsonNode options) {
    if (options instanceof ObjectNode o && !o.has("maxGradNorm")) {
      o.put("maxGradNorm", 1.0);
    }
    return options;
  }
}
