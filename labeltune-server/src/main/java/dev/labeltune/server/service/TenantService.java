package dev.labeltune.server.service;

import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.domain.ApiKey;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.StoreUnavailableException;
import dev.labeltune.server.domain.Tenant;
import dev.labeltune.server.store.TenantStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tenants and their keys. Every key check reads the store while it answers, so a revoked key fails
 * on the next request, on every replica. While the store cannot be reached, a key this process has
 * seen good (its last check against the store passed) is still taken, so classification, which
 * needs no database, goes on; any other key is refused with 503, as the routes that need the store
 * are. A key revoked through this process is forgotten at once; one revoked through another replica
 * is forgotten at this process's next check that reaches the store, so during an outage it is still
 * taken here if it was good before.
 */
public final class TenantService {
  /** The tenant that owns everything made under {@code --no-auth}. */
  public static final String DEFAULT_TENANT = "default";

  /** Most keys remembered as good: more than a deployment has, far fewer than would weigh. */
  private static final int KNOWN_GOOD = 10_000;

  private final TenantStore store;
  /** Keys whose last check against the store passed, by key id, least recently used first. */
  private final Map<String, ApiKey> knownGood = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ApiKey> eldest) {
      return size() > KNOWN_GOOD;
    }
  });

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
    knownGood.remove(keyId);
    if (!store.revokeKey(keyId)) {
      throw ServiceException.notFound("key", keyId, "");
    }
  }

  /**
   * @return the tenant of a presented key, or empty if it is malformed, unknown or revoked
   * @throws StoreUnavailableException if the store cannot be reached and this process has not seen the key good
   */
  public OptionalLong tenantOf(String key) {
    Optional<ApiKeys.Presented> presented = ApiKeys.parse(key);
    if (presented.isEmpty()) {
      return OptionalLong.empty();
    }
    ApiKeys.Presented p = presented.get();
    Optional<ApiKey> stored;
    try {
      stored = store.key(p.id());
    } catch (StoreUnavailableException e) {
      ApiKey known = knownGood.get(p.id());
      if (known != null && p.matches(known)) {
        return OptionalLong.of(known.tenantId());
      }
      throw e;
    }
    if (stored.isPresent() && p.matches(stored.get())) {
      knownGood.put(p.id(), stored.get());
      return OptionalLong.of(stored.get().tenantId());
    }
    if (stored.isEmpty() || stored.get().revoked()) {
      // Only the store's word forgets a key: a wrong secret sent with a good key's id does not.
      knownGood.remove(p.id());
    }
    return OptionalLong.empty();
  }

  /** @return the deployment's admin key as the store keeps it, if one was set */
  public Optional<AdminKey> adminKey() {
    return store.adminKey();
  }

  /**
   * Makes {@code key} the deployment's admin key, unless another process sharing the store set one first.
   *
   * @return the admin key in force
   */
  public AdminKey adoptAdminKey(String key) {
    return store.setAdminKeyIfAbsent(ApiKeys.hashAdmin(key));
  }

  /** @return the id of the tenant {@code --no-auth} serves, made on first use */
  public long defaultTenant() {
    return store.named(DEFAULT_TENANT).map(Tenant::id).orElseGet(() -> store.create(DEFAULT_TENANT).id());
  }
}
