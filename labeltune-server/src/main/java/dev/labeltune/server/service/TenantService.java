package dev.labeltune.server.service;

import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.Tenant;
import dev.labeltune.server.store.TenantStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * Tenants and their keys. Every key check reads the store, so a revoked key fails on the next request.
 */
public final class TenantService {
  /** The tenant that owns everything made under {@code --no-auth}. */
  public static final String DEFAULT_TENANT = "default";

  private final TenantStore store;

  /** @param store where tenants and keys are kept */
  public TenantService(TenantStore store) {
    this.store = store;
  }

  /**
   * A new tenant with its first key.
   *
   * @param tenant the tenant
   * @param key the key, shown only now
   * @param keyId the key's public id, for revoking
   */
  public record NewTenant(Tenant tenant, String key, String keyId) {}

  /**
   * A new key.
   *
   * @param key the key, shown only now
   * @param keyId its public id
   */
  public record NewKey(String key, String keyId) {}

  /** @return the tenant and its first key @throws ServiceException a conflict if the name is taken */
  public NewTenant create(String name) {
    if (store.named(name).isPresent()) {
      throw ServiceException.of(Kind.CONFLICT, "A tenant named '" + name + "' exists");
    }
    Tenant tenant = store.create(name);
    NewKey key = newKey(tenant.id());
    return new NewTenant(tenant, key.key(), key.keyId());
  }

  /** @return every tenant, oldest first */
  public List<Tenant> all() {
    return store.all();
  }

  /** @return a new key for the tenant @throws ServiceException (not found) if there is no such tenant */
  public NewKey newKey(long tenantId) {
    if (store.byId(tenantId).isEmpty()) {
      throw ServiceException.notFound("tenant", Long.toString(tenantId), "; GET /v1/admin/tenants lists them");
    }
    ApiKeys.Minted minted = ApiKeys.mint(tenantId);
    store.addKey(minted.row());
    return new NewKey(minted.key(), minted.row().id());
  }

  /** Revokes a key @throws ServiceException (not found) if there is no such unrevoked key */
  public void revoke(String keyId) {
    if (!store.revokeKey(keyId)) {
      throw ServiceException.notFound("key", keyId, "");
    }
  }

  /** @return the tenant of a presented key, or empty if it is malformed, unknown or revoked */
  public OptionalLong tenantOf(String key) {
    return ApiKeys.parse(key).flatMap(p -> store.key(p.id()).filter(p::matches))
        .map(k -> OptionalLong.of(k.tenantId())).orElse(OptionalLong.empty());
  }

  /** @return the id of the tenant {@code --no-auth} serves, made on first use */
  public long defaultTenant() {
    return store.named(DEFAULT_TENANT).map(Tenant::id).orElseGet(() -> store.create(DEFAULT_TENANT).id());
  }
}
