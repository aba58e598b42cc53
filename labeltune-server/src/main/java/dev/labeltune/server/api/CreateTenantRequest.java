package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;

/**
 * {@code POST /v1/admin/tenants}.
 *
 * @param name the tenant's unique name
 */
public record CreateTenantRequest(@JsonProperty(required = true) String name) {
  /** Checks. */
  public CreateTenantRequest {
    Check.present(name, "name");
    if (name.isBlank()) {
      throw ServiceException.of(Kind.UNPROCESSABLE, "'name' must not be blank");
    }
  }
}
