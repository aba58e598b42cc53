package dev.labeltune.server.service;

import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.domain.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The format of API keys, {@code ltk_<id>_<secret>}: the id finds the stored row, the secret is
 * checked against its salted SHA-256 (keys are 256 random bits, so a slow hash buys nothing). Only
 * the hash is stored; the key is shown once, when made.
 */
public final class ApiKeys {
  private static final String PREFIX = "ltk_";
  private static final String ADMIN_PREFIX = "ltadmin_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /**
   * A new key and the row that stores it.
   *
   * @param key the key, to hand to its owner once
   * @param row its stored form
   */
  public record Minted(String key, ApiKey row) {}

  /** @return a new key for the tenant */
  static Minted mint(long tenantId) {
    byte[] idBytes = new byte[6];
    byte[] secretBytes = new byte[32];
    byte[] salt = new byte[16];
    RANDOM.nextBytes(idBytes);
    RANDOM.nextBytes(secretBytes);
    RANDOM.nextBytes(salt);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    return new Minted(PREFIX + id + "_" + secret, new ApiKey(id, tenantId, salt, hash(salt, secret), false));
  }

  /**
   * A presented key split into its parts.
   *
   * @param id the public id
   * @param secret the secret
   */
  record Presented(String id, String secret) {
    boolean matches(ApiKey stored) {
      return !stored.revoked() && MessageDigest.isEqual(stored.hash(), hash(stored.salt(), secret));
    }
  }

  /** @return the key's parts, or empty if it does not have the form of a tenant key */
  static Optional<Presented> parse(String key) {
    if (key == null || !key.startsWith(PREFIX) || key.length() > 200) {
      return Optional.empty();
    }
    int split = key.indexOf('_', PREFIX.length());
    return split < 0 ? Optional.empty()
        : Optional.of(new Presented(key.substring(PREFIX.length(), split), key.substring(split + 1)));
  }

  /** @return a fresh random admin key */
  public static String newAdminKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return ADMIN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** @return the admin key as the store keeps it, with a fresh salt */
  public static AdminKey hashAdmin(String key) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new AdminKey(salt, hash(salt, key));
  }

  /** @return whether a presented key is the admin key the store keeps, in time that does not depend on the key */
  public static boolean isAdmin(String presented, AdminKey stored) {
    return presented != null && stored != null && presented.length() <= 200
        && MessageDigest.isEqual(stored.hash(), hash(stored.salt(), presented));
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
