package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A new key.
 *
 * @param key the key, shown only here
 * @param keyId its public id, for revoking
 */
public record KeyCreated(@JsonProperty(required = true) String key, @JsonProperty(required = true) String keyId) {}
