package dev.labeltune.server.http;

import dev.labeltune.server.api.CreateTenantRequest;
import dev.labeltune.server.api.KeyCreated;
import dev.labeltune.server.api.TenantCreated;
import dev.labeltune.server.api.TenantList;
import dev.labeltune.server.service.TenantService;

/** {@code /v1/admin}: tenants and their keys, with the admin key. */
final class TenantRoutes {
  private TenantRoutes() {}

  static void register(Route.Table routes, TenantService tenants) {
    routes.add("POST", "/v1/admin/tenants", "Create a tenant and its first key (admin key)", CreateTenantRequest.class,
        TenantCreated.class, "201 400 401 403 409 422", call -> {
          TenantService.NewTenant t = tenants.create(call.body(CreateTenantRequest.class).name());
          return new TenantCreated(t.tenant().id(), t.tenant().name(), t.key(), t.keyId());
        });
    routes.add("GET", "/v1/admin/tenants", "List tenants (admin key)", null, TenantList.class, "200 401 403",
        call -> TenantList.of(tenants.all()));
    routes.add("POST", "/v1/admin/tenants/{id}/keys", "Make another key for a tenant (admin key)", null,
        KeyCreated.class, "201 401 403 404", call -> {
          TenantService.NewKey key = tenants.newKey(call.pathLong("id"));
          return new KeyCreated(key.key(), key.keyId());
        });
    routes.add("DELETE", "/v1/admin/keys/{keyId}", "Revoke a key (admin key)", null, null, "204 401 403 404", call -> {
      tenants.revoke(call.path("keyId"));
      return null;
    });
  }
}
