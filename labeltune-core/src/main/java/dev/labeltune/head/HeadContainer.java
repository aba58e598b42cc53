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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container every LabelTune head file uses: one JSON object with {@code format} and
 * {@code version}, float arrays as base64 of little-endian float32 (bit-exact round trips), closed
 * by {@code checksum}, the SHA-256 of the object's compact serialization without that field.
 *
 * <p>Head files are untrusted input. Reading checks the file's size against {@link HeadLimits}
 * before parsing, then format, version and checksum, and the typed accessors of {@link HeadFields}
 * check each field's type and range, and a float array's declared size against the bytes present,
 * before anything is allocated for it. Writing refuses a head over the limits, so what saves also loads.
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
