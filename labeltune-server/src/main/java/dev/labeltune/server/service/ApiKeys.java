package dev.labeltune.server.service;

import dev.labeltune.server.store.StoreRecords.ApiKey;
import dev.labeltune.server.store.TaskStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * API keys of the form {@code ltk_<id>_<secret>}: the id finds the stored row, the secret is checked
 * against its salted SHA-256 (keys are 256 random bits, so a slow hash buys nothing). Only the hash
 * is stored; the key is shown once, when made. Every check reads the store, so a revoked key fails
 * on the next request.
 */
public final class ApiKeys {
  private static final String PREFIX = "ltk_";
  private final SecureRandom random = new SecureRandom();
  private final TaskStore store;

  /** @param store where keys are kept */
  public ApiKeys(TaskStore store) {
    this.store = store;
  }

  /**
   * @param tenantId the tenant the key belongs to
   * @return the new key, to hand to its owner; it cannot be recovered later
   */
  public String create(long tenantId) {
    byte[] idBytes = new byte[6];
    byte[] secretBytes = new byte[32];
    byte[] salt = new byte[16];
    random.nextBytes(idBytes);
    random.nextBytes(secretBytes);
    random.nextBytes(salt);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    store.addKey(new ApiKey(id, tenantId, salt, hash(salt, secret), false));
    return PREFIX + id + "_" + secret;
  }

  /**
   * @param key a presented key
   * @return its tenant, or empty if the key is malformed, unknown or revoked
   */
  public OptionalLong tenantOf(String key) {
    if (key == null || !key.startsWith(PREFIX) || key.length() > 200) {
      return OptionalLong.empty();
    }
    int split = key.indexOf('_', PREFIX.length());
    if (split < 0) {
      return OptionalLong.empty();
    }
    String id = key.substring(PREFIX.length(), split);
    String secret = key.substring(split + 1);
    return store.key(id)
        .filter(k -> !k.revoked() && MessageDigest.isEqual(k.hash(), hash(k.salt(), secret)))
        .map(k -> OptionalLong.of(k.tenantId())).orElse(OptionalLong.empty());
  }

  /**
   * @param key a key as handed out
   * @return its public id, for revoking
   */
  public static String idOf(String key) {
    int split = key.indexOf('_', PREFIX.length());
    return key.substring(PREFIX.length(), split);
  }

  /** @return a fresh random secret for the admin key */
  public String newAdminKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "ltadmin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** @return whether two keys are equal, in time that does not depend on where they differ */
  public static boolean sameKey(String a, String b) {
    return a != null && b != null
        && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      return d.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks SHA-256", e);
    }
  }
}
