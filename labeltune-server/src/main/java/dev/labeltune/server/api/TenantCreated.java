package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A new tenant and its first key.
 *
 * @param id the tenant's number
 * @param name its name
 * @param key the key, shown only here
 * @param keyId the key's public id, for revoking
 */
public record TenantCreated(long id, @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String key, @JsonProperty(required = true) String keyId) {}
