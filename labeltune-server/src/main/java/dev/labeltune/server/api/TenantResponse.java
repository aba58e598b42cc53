package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Tenant;
import java.time.Instant;

/**
 * A tenant.
 *
 * @param id its number
 * @param name its unique name
 * @param created when it was made
 */
public record TenantResponse(long id, @JsonProperty(required = true) String name,
    @JsonProperty(required = true) Instant created) {
  static TenantResponse of(Tenant t) {
    return new TenantResponse(t.id(), t.name(), t.created());
  }
}
