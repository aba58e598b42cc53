package dev.labeltune.server.domain;

import java.util.Objects;

/**
 * The deployment's admin key as the store keeps it: a salted SHA-256, never the key.
 *
 * @param salt random bytes hashed before the key
 * @param hash SHA-256 of salt and key
 */
public record AdminKey(byte[] salt, byte[] hash) {
  /** Checks the parts are there. */
  public AdminKey {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(hash, "hash");
  }
}
