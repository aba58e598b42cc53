package dev.labeltune.server.store;

import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.domain.ApiKey;
import dev.labeltune.server.domain.Tenant;
import java.util.List;
import java.util.Optional;

/** Tenants and their API keys (stored as salted hashes only). */
public interface TenantStore {
  /** @return a new tenant @param name its unique name */
  Tenant create(String name);

  /** @return every tenant, oldest first */
  List<Tenant> all();

  /** @return the tenant with that number, if any */
  Optional<Tenant> byId(long id);

  /** @return the tenant of that name, if any */
  Optional<Tenant> named(String name);

  /** Stores a key. */
  void addKey(ApiKey key);

  /** @return the key with that identifier, if any */
  Optional<ApiKey> key(String id);

  /** @return whether the key existed unrevoked and is now revoked */
  boolean revokeKey(String id);

  /** @return the deployment's admin key, if one was set */
  Optional<AdminKey> adminKey();

  /**
   * Sets the deployment's admin key unless one is set already (by another process sharing the store,
   * say): the first to set it wins.
   *
   * @return the admin key in force afterwards
   */
  AdminKey setAdminKeyIfAbsent(AdminKey key);
}
