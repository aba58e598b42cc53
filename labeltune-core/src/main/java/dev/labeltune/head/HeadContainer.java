package dev.labeltune.head;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.data.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container every LabelTune head file uses: one JSON object with {@code format} and
 * {@code version}, float arrays as base64 of little-endian float32 (bit-exact round trips), closed
 * by {@code checksum}, the SHA-256 of the object's compact serialization without that field.
 *
 * <p>Head files are untrusted input. Reading checks the file's size against {@link HeadLimits}
 * before parsing, then format, version and checksum, and the typed accessors below check each
 * field's type and range, and a float array's declared size against the bytes present, before
 * anything is allocated for it. Writing refuses a head over the limits, so what saves also loads.
 *
 * @since 0.1
 */
public final class HeadContainer {
  private static final ObjectMapper WRITER = new ObjectMapper()
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  /** One reader per file-size limit: its string and document limits are that size, deliberately. */
  private static final Map<Long, ObjectMapper> READERS = new ConcurrentHashMap<>();
  /** White space looked past for the first byte of a head file. */
  private static final int PEEK_BYTES = 4096;

  private HeadContainer() {}

  /** @return a new, empty object of the given format and version */
  public static ObjectNode create(String format, int version) {
    ObjectNode root = WRITER.createObjectNode();
    root.put("format", format);
    root.put("version", version);
    return root;
  }

  /**
   * Adds the checksum and writes the file atomically.
   *
   * @param root the head's fields, from {@link #create}
   * @param file the file to create or replace
   * @param limits the limits the file must stay within
   * @throws IOException if writing fails; the file is then left as it was
   * @throws IllegalArgumentException if the head would be larger than {@code limits.maxFileBytes()}
   */
  public static void write(ObjectNode root, Path file, HeadLimits limits) throws IOException {
    AtomicFiles.write(file, out -> writeTo(root, out, limits));
  }

  /**
   * @param root the head's fields, from {@link #create}
   * @param limits the limits the head must stay within
   * @return the head file's bytes, checksum included
   * @throws IllegalArgumentException if the head would be larger than {@code limits.maxFileBytes()}
   */
  public static byte[] toBytes(ObjectNode root, HeadLimits limits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(root, out, limits);
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void writeTo(ObjectNode root, OutputStream out, HeadLimits limits) throws IOException {
    ObjectNode copy = root.deepCopy();
    copy.remove("checksum");
    copy.put("checksum", checksum(copy));
    WRITER.writerWithDefaultPrettyPrinter().writeValue(new LimitedOutputStream(out, limits.maxFileBytes()), copy);
  }

  /**
   * Reads and verifies a head file.
   *
   * @param file the file
   * @param format the expected {@code format}
   * @param maxVersion the newest version this code reads
   * @param what what the file holds, for messages (e.g. "task head")
   * @param limits the limits the file must stay within
   * @return the head's fields, checksum removed
   * @throws NoSuchFileException if the file does not exist
   * @throws IncompatibleHeadException if it is too large, not such a head, corrupt or truncated, or newer
   */
  public static ObjectNode read(Path file, String format, int maxVersion, String what, HeadLimits limits)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such head file");
    }
    checkSize(file.toString(), Files.size(file), limits);
    try (InputStream in = Files.newInputStream(file)) {
      return verify(parse(in, file.toString(), what, limits), file.toString(), format, maxVersion, what);
    }
  }

  /**
   * Reads and verifies a head held in memory (a database blob, an upload).
   *
   * @param bytes the head file's bytes
   * @param source where they came from, for messages
   * @param format the expected {@code format}
   * @param maxVersion the newest version this code reads
   * @param what what the bytes hold, for messages
   * @param limits the limits the head must stay within
   * @return the head's fields, checksum removed
   * @throws IncompatibleHeadException if it is too large, not such a head, corrupt or truncated, or newer
   */
  public static ObjectNode read(byte[] bytes, String source, String format, int maxVersion, String what,
      HeadLimits limits) {
    checkSize(source, bytes.length, limits);
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      return verify(parse(in, source, what, limits), source, format, maxVersion, what);
    } catch (IOException e) {
      throw corrupt(source, "unreadable: " + e.getMessage(), e);
    }
  }

  private static void checkSize(String source, long size, HeadLimits limits) {
    if (size > limits.maxFileBytes()) {
      throw new IncompatibleHeadException("Head file " + source + " is " + size + " bytes, over the limit of "
          + limits.maxFileBytes() + " (system property labeltune.head.maxFileBytes)");
    }
  }

  private static JsonNode parse(InputStream in, String source, String what, HeadLimits limits) throws IOException {
    ObjectMapper reader = READERS.computeIfAbsent(limits.maxFileBytes(), max -> new ObjectMapper(
        JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, max))
            .maxDocumentLength(max)
            .build()).build()));
    BufferedInputStream buffered = new BufferedInputStream(in);
    boolean object = startsAnObject(buffered);
    try {
      return reader.readTree(buffered);
    } catch (StreamConstraintsException e) {
      throw corrupt(source, "over the size limits: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      // A head is one JSON object: bytes that start one and then fail were damaged or cut short;
      // anything else is some other file, and saying "corrupt" would be a wrong guess.
      if (!object) {
        throw notA(source, what, "it is not JSON", e);
      }
      throw corrupt(source, (e instanceof JsonEOFException || e.getOriginalMessage().contains("end-of-input")
          ? "truncated: the JSON ends early (" : "damaged JSON (") + e.getOriginalMessage() + ")", e);
    }
  }

  /** @return whether the first byte that is not white space opens a JSON object; the stream is left as it was */
  private static boolean startsAnObject(BufferedInputStream in) throws IOException {
    in.mark(PEEK_BYTES);
    try {
      for (int i = 0; i < PEEK_BYTES; i++) {
        int b = in.read();
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
          return b == '{';
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }

  private static ObjectNode verify(JsonNode parsed, String source, String format, int maxVersion, String what)
      throws IOException {
    if (parsed == null || !parsed.isObject() || !format.equals(parsed.path("format").asText())) {
      throw notA(source, what, "it has no \"format\": \"" + format + "\"", null);
    }
    ObjectNode root = (ObjectNode) parsed;
    JsonNode versionNode = root.path("version");
    int version = versionNode.isIntegralNumber() && versionNode.canConvertToInt() ? versionNode.intValue() : -1;
    if (version > maxVersion) {
      throw new IncompatibleHeadException("Head file " + source + " has format version " + version
          + ", but this LabelTune reads versions up to " + maxVersion + "; upgrade LabelTune to load it");
    }
    if (version < 1) {
      throw corrupt(source, "missing or invalid format version", null);
    }
    JsonNode expected = root.path("checksum");
    root.remove("checksum");
    if (!expected.isTextual() || !checksum(root).equals(expected.asText())) {
      throw corrupt(source, "checksum mismatch; the file was modified or damaged", null);
    }
    return root;
  }

  /** A file that is some other thing than a head: said so, with where heads come from, not guessed damaged. */
  private static IncompatibleHeadException notA(String source, String what, String why, Throwable cause) {
    return new IncompatibleHeadException(source + " is not a LabelTune " + what + " (" + why + "); heads are the JSON "
        + "files 'labeltune tune', 'distill' and 'ytune' write", cause);
  }

  /**
   * @param source the file or other source
   * @param problem what is wrong
   * @param cause the underlying failure, or null
   * @return the exception to throw for a damaged head file
   */
  public static IncompatibleHeadException corrupt(Object source, String problem, Throwable cause) {
    return new IncompatibleHeadException("Corrupt head file " + source + ": " + problem, cause);
  }

  /** @param values floats @return their base64 little-endian float32 encoding */
  public static String encode(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(b.array());
  }

  /**
   * Decodes a float array field after checking, from the text's length alone, that it holds
   * exactly the declared number of floats: a file cannot make the reader allocate more than it
   * holds.
   *
   * @param parent the object holding the field
   * @param field the field's name
   * @param expected the number of floats it must hold, as declared elsewhere in the file
   * @return the floats
   * @throws IllegalArgumentException naming the field, if it is missing, not base64 or of another size
   */
  public static float[] floats(JsonNode parent, String field, long expected) {
    String base64 = text(parent, field);
    long present = base64DecodedLength(base64);
    if (present < 0) {
      throw new IllegalArgumentException("'" + field + "' is not base64 (length " + base64.length() + ")");
    }
    if (expected < 0 || expected > Integer.MAX_VALUE / Float.BYTES || present != expected * Float.BYTES) {
      throw new IllegalArgumentException("'" + field + "' holds " + present / Float.BYTES
          + " floats, but the declared shape needs " + expected);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "' is not base64: " + e.getMessage(), e);
    }
    float[] out = new float[(int) expected];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Bytes a padded base64 text decodes to, or -1 if its length cannot be base64. */
  private static long base64DecodedLength(String s) {
    int n = s.length();
    if (n % 4 != 0) {
      return -1;
    }
    int padding = n == 0 ? 0 : (s.charAt(n - 1) == '=' ? 1 : 0) + (n > 1 && s.charAt(n - 2) == '=' ? 1 : 0);
    return (long) n / 4 * 3 - padding;
  }

  /** Stores a number, NaN as JSON null. */
  public static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @return the number, NaN when the field is null or missing
   * @throws IllegalArgumentException if it holds anything but a number or null
   */
  public static double optionalNumber(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Double.NaN;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("'" + field + "' must be a number, found " + shown(node));
    }
    return node.doubleValue();
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @param min smallest value accepted
   * @param max largest value accepted
   * @return the finite number
   * @throws IllegalArgumentException if it is missing, not a number or out of range
   */
  public static double number(JsonNode parent, String field, double min, double max) {
    double value = optionalNumber(parent, field);
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException("'" + field + "' must be a number between " + min + " and " + max
          + ", found " + shown(parent.get(field)));
    }
    return value;
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @param min smallest value accepted
   * @param max largest value accepted
   * @return the whole number
   * @throws IllegalArgumentException if it is missing, not a whole number or out of range
   */
  public static long integer(JsonNode parent, String field, long min, long max) {
    return integerValue(parent.get(field), "'" + field + "'", min, max);
  }

  /**
   * @param array the array holding the element
   * @param index the element's index
   * @param min smallest value accepted
   * @param max largest value accepted
   * @return the whole number
   * @throws IllegalArgumentException if it is missing, not a whole number or out of range
   */
  public static long integer(JsonNode array, int index, long min, long max) {
    return integerValue(array.get(index), "element " + index, min, max);
  }

  private static long integerValue(JsonNode node, String what, long min, long max) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
        || node.longValue() < min || node.longValue() > max) {
      throw new IllegalArgumentException(what + " must be a whole number between " + min + " and " + max
          + ", found " + shown(node));
    }
    return node.longValue();
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @return the string
   * @throws IllegalArgumentException if it is missing or not a string
   */
  public static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string, found " + shown(node));
    }
    return node.textValue();
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @return the object
   * @throws IllegalArgumentException if it is missing or not an object
   */
  public static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("'" + field + "' must be an object, found " + shown(node));
    }
    return node;
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @param maxCount most elements accepted
   * @return the strings
   * @throws IllegalArgumentException if it is missing, not an array of strings, or too long
   */
  public static List<String> strings(JsonNode parent, String field, int maxCount) {
    JsonNode array = parent.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be an array of strings, found " + shown(array));
    }
    if (array.size() > maxCount) {
      throw new IllegalArgumentException("'" + field + "' has " + array.size() + " entries, over the limit of "
          + maxCount + " (system property labeltune.head.maxLabels)");
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      if (!n.isTextual()) {
        throw new IllegalArgumentException("'" + field + "'[" + i + "] must be a string, found " + shown(n));
      }
      out.add(n.textValue());
    }
    return out;
  }

  private static String shown(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String s = node.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  private static String checksum(ObjectNode withoutChecksum) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks SHA-256, which every Java platform must provide", e);
    }
    // Streamed into the digest: a large head is never held as one more string.
    WRITER.writeValue(new DigestOutputStream(OutputStream.nullOutputStream(), digest), withoutChecksum);
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** Fails a write that would make a head file larger than the reader accepts. */
  private static final class LimitedOutputStream extends FilterOutputStream {
    private final long limit;
    private long written;

    LimitedOutputStream(OutputStream out, long limit) {
      super(out);
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      count(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count(len);
      out.write(b, off, len);
    }

    private void count(int len) {
      written += len;
      if (written > limit) {
        throw new IllegalArgumentException("The head file would be over the limit of " + limit
            + " bytes (system property labeltune.head.maxFileBytes); it could not be loaded again");
      }
    }
  }
}
