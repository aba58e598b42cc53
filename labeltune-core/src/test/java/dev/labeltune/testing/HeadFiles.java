package dev.labeltune.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Crafts head files as an attacker would: reads a valid one, lets a test change any field, and signs
 * the result again so the checksum passes and only the field checks stand in the way.
 */
public final class HeadFiles {
  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private HeadFiles() {}

  /** @return the file's JSON object, checksum removed */
  public static ObjectNode read(Path file) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    root.remove("checksum");
    return root;
  }

  /** Writes {@code root} with a valid checksum. */
  public static void writeSigned(ObjectNode root, Path file) throws IOException {
    Files.write(file, signed(root));
  }

  /** @return the bytes of {@code root} with a valid checksum */
  public static byte[] signed(ObjectNode root) throws IOException {
    ObjectNode copy = root.deepCopy();
    copy.remove("checksum");
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    JSON.writeValue(new DigestOutputStream(OutputStream.nullOutputStream(), digest), copy);
    copy.put("checksum", "sha256:" + HexFormat.of().formatHex(digest.digest()));
    return JSON.writeValueAsBytes(copy);
  }
}
