package dev.labeltune.server.domain;

/**
 * A stored API key: only its salted hash, never the secret.
 *
 * @param id the key's public identifier (the part before the secret)
 * @param tenantId the tenant it belongs to
 * @param salt random salt of the hash
 * @param hash SHA-256 of salt and secret
 * @param revoked whether it was revoked
 */
public record ApiKey(String id, long tenantId, byte[] salt, byte[] hash, boolean revoked) {}
