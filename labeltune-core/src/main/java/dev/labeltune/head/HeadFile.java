package dev.labeltune.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  static final int VERSION = 1;

  private HeadFile() {}

  static void write(TaskHead head, Path file) throws IOException {
    ObjectNode root = HeadContainer.create(FORMAT, VERSION);
    ArrayNode labels = root.putArray("labels");
    head.labels().forEach(labels::add);
    ArrayNode texts = root.putArray("labelTexts");
    head.labelTexts().forEach(texts::add);
    root.put("temperature", head.temperature());
    HeadContainer.putNumber(root, "threshold", head.threshold());
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
    HeadContainer.putNumber(prov, "cvMacroF1", p.cvMacroF1());
    HeadContainer.putNumber(prov, "zeroShotMacroF1", p.zeroShotMacroF1());
    prov.put("examples", p.examples());
    prov.put("labeltuneVersion", p.version());
    prov.put("created", p.created().toString());
    root.put("embeddings", encode(head.labelEmbeddings()));
    HeadContainer.write(root, file);
  }

  static TaskHead read(Path file) throws IOException {
    ObjectNode root = HeadContainer.read(file, FORMAT, VERSION, "task head");
    try {
      JsonNode prov = root.get("provenance");
      int dimension = prov.get("dimension").asInt();
      JsonNode c = prov.get("config");
      Optional<LabelTuningConfig> config = c == null || c.isNull() ? Optional.empty()
          : Optional.of(new LabelTuningConfig(c.get("learningRate").asDouble(), c.get("regularization").asDouble(),
              c.get("dropout").asDouble(), c.get("steps").asInt(), c.get("scale").asDouble(),
              LabelTuningConfig.Optimizer.valueOf(c.get("optimizer").asText())));
      HeadProvenance provenance = new HeadProvenance(prov.get("encoderName").asText(),
          prov.get("encoderFingerprint").asText(), dimension, prov.get("method").asText(), config,
          HeadContainer.number(prov.get("cvMacroF1")), HeadContainer.number(prov.get("zeroShotMacroF1")), prov.get("examples").asInt(),
          prov.get("labeltuneVersion").asText(), Instant.parse(prov.get("created").asText()));
      List<String> labels = HeadContainer.strings(root.get("labels"));
      return TaskHead.of(labels, HeadContainer.strings(root.get("labelTexts")),
          decode(root.get("embeddings").asText(), labels.size(), dimension), root.get("temperature").asDouble(),
          HeadContainer.number(root.get("threshold")), provenance);
    } catch (RuntimeException e) {
      throw HeadContainer.corrupt(file, "missing or invalid field: " + e.getMessage(), e);
    }
  }

  private static String encode(float[][] m) {
    int dim = m[0].length;
    float[] flat = new float[m.length * dim];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, flat, r * dim, dim);
    }
    return HeadContainer.encode(flat);
  }

  private static float[][] decode(String base64, int rows, int dim) {
    float[] flat;
    try {
      flat = HeadContainer.decode(base64, rows * dim);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("embeddings " + e.getMessage() + " (" + rows + " x " + dim + ")", e);
    }
    float[][] m = new float[rows][];
    for (int r = 0; r < rows; r++) {
      m[r] = Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
    }
    return m;
  }
}
