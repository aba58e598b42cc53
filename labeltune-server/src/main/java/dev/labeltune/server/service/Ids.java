package dev.labeltune.server.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers: a prefix saying what they name, then 16 hex digits. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String next(String prefix) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
