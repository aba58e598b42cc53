package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /v1/admin/tenants}.
 *
 * @param name the tenant's unique name
 */
public record CreateTenantRequest(@JsonProperty(required = true) String name) {
  /** Checks. */
  public CreateTenantRequest {
    Check.name(name, "name");
  }
}
