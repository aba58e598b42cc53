package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Columns.instant;
import static dev.labeltune.server.store.jdbc.Columns.setInstant;

import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.domain.ApiKey;
import dev.labeltune.server.domain.Tenant;
import dev.labeltune.server.store.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tables {@code tenants}, {@code api_keys} and {@code admin_key}. */
final class JdbcTenants implements TenantStore {
  private static final String COLUMNS = "SELECT id, name, created FROM tenants";
  private final Jdbc jdbc;

  JdbcTenants(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Tenant create(String name) {
    Instant now = Instant.now();
    long id = jdbc.insert("INSERT INTO tenants(name, created) VALUES (?, ?)", ps -> {
      ps.setString(1, name);
      setInstant(ps, 2, now);
    });
    return new Tenant(id, name, now);
  }

  @Override
  public List<Tenant> all() {
    return jdbc.query(COLUMNS + " ORDER BY id", ps -> { }, JdbcTenants::tenant);
  }

  @Override
  public Optional<Tenant> byId(long id) {
    return jdbc.first(COLUMNS + " WHERE id = ?", ps -> ps.setLong(1, id), JdbcTenants::tenant);
  }

  @Override
  public Optional<Tenant> named(String name) {
    return jdbc.first(COLUMNS + " WHERE name = ?", ps -> ps.setString(1, name), JdbcTenants::tenant);
  }

  private static Tenant tenant(ResultSet rs) throws SQLException {
    return new Tenant(rs.getLong(1), rs.getString(2), instant(rs, 3));
  }

  @Override
  public void addKey(ApiKey key) {
    jdbc.update("INSERT INTO api_keys(id, tenant_id, salt, hash, created) VALUES (?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, key.id());
      ps.setLong(2, key.tenantId());
      ps.setBytes(3, key.salt());
      ps.setBytes(4, key.hash());
      setInstant(ps, 5, Instant.now());
    });
  }

  @Override
  public Optional<ApiKey> key(String id) {
    return jdbc.first("SELECT id, tenant_id, salt, hash, revoked FROM api_keys WHERE id = ?", ps -> ps.setString(1, id),
        rs -> new ApiKey(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5) != null));
  }

  @Override
  public boolean revokeKey(String id) {
    return jdbc.update("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL", Instant.now(), id) > 0;
  }

  @Override
  public Optional<AdminKey> adminKey() {
    return jdbc.first("SELECT salt, hash FROM admin_key WHERE id = 1", ps -> { },
        rs -> new AdminKey(rs.getBytes(1), rs.getBytes(2)));
  }

  @Override
  public AdminKey setAdminKeyIfAbsent(AdminKey key) {
    return jdbc.inTransaction("set the admin key", c -> {
      jdbc.update("INSERT INTO admin_key(id, salt, hash, created) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
          ps -> {
            ps.setBytes(1, key.salt());
            ps.setBytes(2, key.hash());
            setInstant(ps, 3, Instant.now());
          });
      return adminKey().orElseThrow();
    });
  }
}
