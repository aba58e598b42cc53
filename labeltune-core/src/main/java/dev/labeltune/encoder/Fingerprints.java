package dev.labeltune.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints of model weights, in the form {@code sha256:<hex>}. */
final class Fingerprints {
  private Fingerprints() {}

  static String sha256(byte[] bytes) {
    return format(digest().digest(bytes));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return format(md.digest());
  }

  /**
   * Copies a stream to a file, fingerprinting the bytes on the way.
   *
   * @return the fingerprint of what was written
   */
  static String copy(InputStream in, Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream digesting = new DigestInputStream(in, md)) {
      Files.copy(digesting, file);
    }
    return format(md.digest());
  }

  private static String format(byte[] hash) {
    return "sha256:" + HexFormat.of().formatHex(hash);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks SHA-256, which every Java platform must provide", e);
    }
  }
}
