package dev.labeltune.head;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.data.AtomicFiles;
import dev.labeltune.tuning.LabelTuningConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  private HeadFile() {}

  static void write(TaskHead head, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ArrayNode labels = root.putArray("labels");
    head.labels().forEach(labels::add);
    ArrayNode texts = root.putArray("labelTexts");
    head.labelTexts().forEach(texts::add);
    root.put("temperature", head.temperature());
    putNumber(root, "threshold", head.threshold());
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
    putNumber(prov, "cvMacroF1", p.cvMacroF1());
    putNumber(prov, "zeroShotMacroF1", p.zeroShotMacroF1());
    prov.put("examples", p.examples());
    prov.put("labeltuneVersion", p.version());
    prov.put("created", p.created().toString());
    root.put("embeddings", encode(head.labelEmbeddings()));
    root.put("checksum", checksum(root));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  static TaskHead read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such head file");
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw corrupt(file, "not valid JSON (truncated?): " + e.getOriginalMessage(), e);
    }
    if (parsed == null || !parsed.isObject() || !FORMAT.equals(parsed.path("format").asText())) {
      throw corrupt(file, "not a LabelTune task head (expected \"format\": \"" + FORMAT + "\")", null);
    }
    ObjectNode root = (ObjectNode) parsed;
    int version = root.path("version").asInt(-1);
    if (version > VERSION) {
      throw new IncompatibleHeadException("Head file " + file + " has format version " + version
          + ", but this LabelTune reads versions up to " + VERSION + "; upgrade LabelTune to load it");
    }
    if (version < 1) {
      throw corrupt(file, "missing or invalid format version", null);
    }
    String expected = root.path("checksum").asText("");
    root.remove("checksum");
    if (!checksum(root).equals(expected)) {
      throw corrupt(file, "checksum mismatch; the file was modified or damaged", null);
    }
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
          number(prov.get("cvMacroF1")), number(prov.get("zeroShotMacroF1")), prov.get("examples").asInt(),
          prov.get("labeltuneVersion").asText(), Instant.parse(prov.get("created").asText()));
      List<String> labels = strings(root.get("labels"));
      return TaskHead.of(labels, strings(root.get("labelTexts")),
          decode(root.get("embeddings").asText(), labels.size(), dimension), root.get("temperature").asDouble(),
          number(root.get("threshold")), provenance);
    } catch (RuntimeException e) {
      throw corrupt(file, "missing or invalid field: " + e.getMessage(), e);
    }
  }

  private static IncompatibleHeadException corrupt(Path file, String problem, Throwable cause) {
    return new IncompatibleHeadException("Corrupt head file " + file + ": " + problem, cause);
  }

  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static double number(JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String encode(float[][] m) {
    ByteBuffer b = ByteBuffer.allocate(m.length * m[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : m) {
      for (float v : row) {
        b.putFloat(v);
      }
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  private static float[][] decode(String base64, int rows, int dim) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() != rows * dim * Float.BYTES) {
      throw new IllegalArgumentException("embeddings hold " + b.remaining() + " bytes, expected " + rows + " x "
          + dim + " floats");
    }
    float[][] m = new float[rows][dim];
    for (float[] row : m) {
      for (int j = 0; j < dim; j++) {
        row[j] = b.getFloat();
      }
    }
    return m;
  }

  private static String checksum(ObjectNode withoutChecksum) throws JsonProcessingException {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          JSON.writeValueAsString(withoutChecksum).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks SHA-256, which every Java platform must provide", e);
    }
  }
}
