package dev.labeltune.server.http;

import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.service.ApiKeys;
import dev.labeltune.server.service.TenantService;
import io.javalin.http.Context;
import java.util.OptionalLong;

/**
 * Who a request is: the admin routes need the admin key, the other {@code /v1} routes a tenant's key,
 * whose tenant the request then acts for. Under {@code --no-auth} every request is the default
 * tenant and the admin routes are off.
 *
 * @param tenants tenants and keys
 * @param adminKey the deployment's admin key as the store keeps it, or null under {@code --no-auth}
 * @param noAuthTenant the tenant every request acts for under {@code --no-auth}, else null
 */
record Auth(TenantService tenants, AdminKey adminKey, Long noAuthTenant) {

  void check(Context ctx, Route.Access access) {
    String header = ctx.header("Authorization");
    String key = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    if (access == Route.Access.ADMIN) {
      admin(key);
    } else if (access == Route.Access.TENANT) {
      ctx.attribute(Call.TENANT, tenant(key));
    }
  }

  private void admin(String key) {
    if (noAuthTenant != null) {
      throw ServiceException.of(Kind.FORBIDDEN, "admin_off", "The admin routes are off under --no-auth, where every request "
          + "acts for the tenant '" + TenantService.DEFAULT_TENANT + "'; restart without --no-auth to manage "
          + "tenants and keys");
    }
    if (!ApiKeys.isAdmin(key, adminKey)) {
      throw ServiceException.of(Kind.UNAUTHORIZED, tenants.tenantOf(key).isPresent()
          ? "This is a tenant's key; the admin routes need the admin key as 'Authorization: Bearer <key>'"
          : "The admin routes need the admin key as 'Authorization: Bearer <key>'");
    }
  }

  private long tenant(String key) {
    if (noAuthTenant != null) {
      return noAuthTenant;
    }
    if (key == null) {
      throw ServiceException.of(Kind.UNAUTHORIZED, "Send an API key as 'Authorization: Bearer <key>'");
    }
    OptionalLong tenant = tenants.tenantOf(key);
    if (tenant.isPresent()) {
      return tenant.getAsLong();
    }
    throw ServiceException.of(Kind.UNAUTHORIZED, ApiKeys.isAdmin(key, adminKey)
        ? "This is the admin key; the tenant routes need a tenant's key (POST /v1/admin/tenants makes a tenant with "
            + "its first key, POST /v1/admin/tenants/{id}/keys another)"
        : "The API key is unknown or revoked");
  }
}
