package dev.labeltune.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.tuning.LabelTuningConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The head file format: one JSON object with {@code format}, {@code version}, labels, label texts,
 * temperature, provenance and the label embeddings as base64 of little-endian float32 (so a
 * round trip is bit-exact), closed by {@code checksum}: the SHA-256 of the object's serialization
 * without that field.
 */
final class HeadFile {
  static final String FORMAT = "labeltune-task-head";
  static final int VERSION = 2;
  private static final int VERSION_WITHOUT_BIAS = 1;

  private HeadFile() {}

  static void write(TaskHead head, Path file, HeadLimits limits) throws IOException {
    HeadContainer.write(toJson(head, limits), file, limits);
  }

  static byte[] toBytes(TaskHead head, HeadLimits limits) {
    return HeadContainer.toBytes(toJson(head, limits), limits);
  }

  private static ObjectNode toJson(TaskHead head, HeadLimits limits) {
    limits.check(head.labels().size(), head.provenance().dimension());
    ObjectNode root = HeadContainer.create(FORMAT, head.hasBias() ? VERSION : VERSION_WITHOUT_BIAS);
    ArrayNode labels = root.putArray("labels");
    head.labels().forEach(labels::add);
    ArrayNode texts = root.putArray("labelTexts");
    head.labelTexts().forEach(texts::add);
    root.put("temperature", head.temperature());
    HeadFields.putNumber(root, "threshold", head.threshold());
    HeadProvenance p = head.provenance();
    ObjectNode prov = root.putObject("provenance");
    prov.put("encoderName", p.encoderName());
    prov.put("encoderFingerprint", p.encoderFingerprint());
    prov.put("dimension", p.dimension());
    prov.put("method", p.method());
    if (p.config().isPresent()) {
      LabelTuningConfig c = p.config().get();
      ObjectNode config = prov.putObject("config");
      config.put("learningRate", c.learningRate());
      config.put("regularization", c.regularization());
      config.put("dropout", c.dropout());
      config.put("steps", c.steps());
      config.put("scale", c.scale());
      config.put("optimizer", c.optimizer().name());
    } else {
      prov.putNull("config");
    }
    HeadFields.putNumber(prov, "cvMacroF1", p.cvMacroF1());
    HeadFields.putNumber(prov, "zeroShotMacroF1", p.zeroShotMacroF1());
    prov.put("examples", p.examples());
    prov.put("labeltuneVersion", p.version());
    prov.put("created", p.created().toString());
    root.put("embeddings", HeadFields.encode(flatten(head.rawEmbeddings())));
    if (head.hasBias()) {
      root.put("bias", HeadFields.encode(head.bias()));
    }
    return root;
  }

  static TaskHead read(Path file, HeadLimits limits) throws IOException {
    return fromJson(HeadContainer.read(file, FORMAT, VERSION, "task head", limits), file, limits);
  }

  static TaskHead read(byte[] bytes, String source, HeadLimits limits) {
    return fromJson(HeadContainer.read(bytes, source, FORMAT, VERSION, "task head", limits), source, limits);
  }

  private static TaskHead fromJson(ObjectNode root, Object source, HeadLimits limits) {
    try {
      JsonNode prov = HeadFields.object(root, "provenance");
      int dimension = (int) HeadFields.integer(prov, "dimension", 1, limits.maxDimension());
      JsonNode c = prov.get("config");
      Optional<LabelTuningConfig> config = c == null || c.isNull() ? Optional.empty()
          : Optional.of(new LabelTuningConfig(HeadFields.number(c, "learningRate", 0, Double.MAX_VALUE),
              HeadFields.number(c, "regularization", 0, Double.MAX_VALUE),
              HeadFields.number(c, "dropout", 0, 1), (int) HeadFields.integer(c, "steps", 0, Integer.MAX_VALUE),
              HeadFields.number(c, "scale", 0, Double.MAX_VALUE),
              LabelTuningConfig.Optimizer.valueOf(HeadFields.text(c, "optimizer"))));
      HeadProvenance provenance = new HeadProvenance(HeadFields.text(prov, "encoderName"),
          HeadFields.text(prov, "encoderFingerprint"), dimension, HeadFields.text(prov, "method"), config,
          HeadFields.optionalNumber(prov, "cvMacroF1"), HeadFields.optionalNumber(prov, "zeroShotMacroF1"),
          (int) HeadFields.integer(prov, "examples", 0, Integer.MAX_VALUE),
          HeadFields.text(prov, "labeltuneVersion"), Instant.parse(HeadFields.text(prov, "created")));
      List<String> labels = HeadFields.strings(root, "labels", limits.maxLabels());
      List<String> labelTexts = HeadFields.strings(root, "labelTexts", limits.maxLabels());
      double temperature = HeadFields.number(root, "temperature", ScoringOptions.MIN_TEMPERATURE,
          ScoringOptions.MAX_TEMPERATURE);
      float[] flat = HeadFields.floats(root, "embeddings", (long) labels.size() * dimension);
      TaskHead head = TaskHead.ofOwned(labels, labelTexts, unflatten(flat, labels.size(), dimension), temperature,
          HeadFields.optionalNumber(root, "threshold"), provenance);
      return root.has("bias") ? head.withBias(HeadFields.floats(root, "bias", labels.size())) : head;
    } catch (RuntimeException e) {
      throw HeadContainer.corrupt(source, "missing or invalid field: " + e.getMessage(), e);
    }
  }

  private static float[] flatten(float[][] m) {
    int dim = m[0].length;
    float[] flat = new float[m.length * dim];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, flat, r * dim, dim);
    }
    return flat;
  }

  private static float[][] unflatten(float[] flat, int rows, int dim) {
    float[][] m = new float[rows][];
    for (int r = 0; r < rows; r++) {
      m[r] = Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
    }
    return m;
  }
}
