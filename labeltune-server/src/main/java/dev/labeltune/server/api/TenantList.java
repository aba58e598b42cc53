package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Tenant;
import java.util.List;

/**
 * Every tenant.
 *
 * @param tenants oldest first
 */
public record TenantList(@JsonProperty(required = true) List<TenantResponse> tenants) {
  /** @return the list */
  public static TenantList of(List<Tenant> tenants) {
    return new TenantList(tenants.stream().map(TenantResponse::of).toList());
  }
}
