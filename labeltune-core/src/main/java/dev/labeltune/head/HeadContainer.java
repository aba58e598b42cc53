package dev.labeltune.head;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.data.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The container every LabelTune head file uses: one JSON object with {@code format} and
 * {@code version}, float arrays as base64 of little-endian float32 (bit-exact round trips), closed
 * by {@code checksum}, the SHA-256 of the object's serialization without that field. Written
 * atomically; reading checks format, version and checksum before anything else.
 *
 * @since 0.1
 */
public final class HeadContainer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HeadContainer() {}

  /** @return a new, empty object of the given format and version */
  public static ObjectNode create(String format, int version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", format);
    root.put("version", version);
    return root;
  }

  /**
   * Adds the checksum and writes the file atomically.
   *
   * @param root the head's fields, from {@link #create}
   * @param file the file to create or replace
   * @throws IOException if writing fails; the file is then left as it was
   */
  public static void write(ObjectNode root, Path file) throws IOException {
    ObjectNode copy = root.deepCopy();
    copy.remove("checksum");
    copy.put("checksum", checksum(copy));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(copy);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * Reads and verifies a head file.
   *
   * @param file the file
   * @param format the expected {@code format}
   * @param maxVersion the newest version this code reads
   * @param what what the file holds, for messages (e.g. "task head")
   * @return the head's fields, checksum removed
   * @throws NoSuchFileException if the file does not exist
   * @throws IncompatibleHeadException if it is not such a head, is corrupt or truncated, or is newer
   */
  public static ObjectNode read(Path file, String format, int maxVersion, String what) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such head file");
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw corrupt(file, "not valid JSON (truncated?): " + e.getOriginalMessage(), e);
    }
    if (parsed == null || !parsed.isObject() || !format.equals(parsed.path("format").asText())) {
      throw corrupt(file, "not a LabelTune " + what + " (expected \"format\": \"" + format + "\")", null);
    }
    ObjectNode root = (ObjectNode) parsed;
    int version = root.path("version").asInt(-1);
    if (version > maxVersion) {
      throw new IncompatibleHeadException("Head file " + file + " has format version " + version
          + ", but this LabelTune reads versions up to " + maxVersion + "; upgrade LabelTune to load it");
    }
    if (version < 1) {
      throw corrupt(file, "missing or invalid format version", null);
    }
    String expected = root.path("checksum").asText("");
    root.remove("checksum");
    if (!checksum(root).equals(expected)) {
      throw corrupt(file, "checksum mismatch; the file was modified or damaged", null);
    }
    return root;
  }

  /**
   * @param file the file
   * @param problem what is wrong
   * @param cause the underlying failure, or null
   * @return the exception to throw for a damaged head file
   */
  public static IncompatibleHeadException corrupt(Path file, String problem, Throwable cause) {
    return new IncompatibleHeadException("Corrupt head file " + file + ": " + problem, cause);
  }

  /** @param values floats @return their base64 little-endian float32 encoding */
  public static String encode(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(b.array());
  }

  /**
   * @param base64 an {@link #encode} result
   * @param expected the number of floats it must hold
   * @return the floats
   * @throws IllegalArgumentException if the count differs
   */
  public static float[] decode(String base64, int expected) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() != expected * Float.BYTES) {
      throw new IllegalArgumentException("holds " + b.remaining() / Float.BYTES + " floats, expected " + expected);
    }
    float[] out = new float[expected];
    b.asFloatBuffer().get(out);
    return out;
  }

  /** Stores a number, NaN as JSON null. */
  public static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** @param node a number or null @return its value, NaN for null or missing */
  public static double number(JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }

  /** @param array a JSON array of strings @return its elements */
  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
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
