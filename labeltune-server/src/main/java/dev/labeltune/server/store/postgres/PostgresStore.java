package dev.labeltune.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.store.HeadChanges;
import dev.labeltune.server.store.jdbc.Jdbc;
import dev.labeltune.server.store.jdbc.JdbcStore;
import dev.labeltune.server.store.jdbc.SqlDialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The store in a PostgreSQL database, shared by every replica of the service. Connections come from
 * a HikariCP pool that waits at most {@value #CONNECT_TIMEOUT_MILLIS} ms for one, so a database that
 * is down fails requests quickly instead of hanging them; Flyway migrates the schema (the one named by
 * {@code currentSchema} in the URL, else {@code public}) when the store opens.
 */
public final class PostgresStore extends JdbcStore {
  /** Longest wait for a connection before a call fails. */
  static final long CONNECT_TIMEOUT_MILLIS = 3_000;
  private static final int POOL_SIZE = 16;

  private final PostgresHeadChanges headChanges;

  private PostgresStore(Jdbc jdbc, PostgresLocation location) {
    super(jdbc, SqlDialect.POSTGRESQL);
    this.headChanges = new PostgresHeadChanges(location);
  }

  /**
   * Connects and migrates the schema to the newest version.
   *
   * @throws StoreException naming the URL (never the password) if the database cannot be reached,
   *     refuses the login, or cannot be migrated
   */
  public static PostgresStore open(PostgresLocation location) {
    return open(location, null);
  }

  /**
   * Connects and migrates the schema up to {@code target} only: for testing migrations from an older version.
   *
   * @param target the newest migration to apply, or null for all
   */
  static PostgresStore open(PostgresLocation location, String target) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.jdbcUrl());
    if (location.password() != null) {
      config.setPassword(location.password());
    }
    config.setPoolName("labeltune-store");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    config.setValidationTimeout(1_000);
    // Fail at start-up with the database's own reason rather than a pool that never fills.
    config.setInitializationFailTimeout(CONNECT_TIMEOUT_MILLIS);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("Cannot connect to the store " + location + ": " + rootMessage(e), e);
    }
    try {
      var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql");
      if (target != null) {
        flyway.target(MigrationVersion.fromVersion(target));
      }
      flyway.load().migrate();
      return new PostgresStore(new Jdbc(new PooledConnections(config, pool)), location);
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("Cannot migrate the store " + location + ": " + rootMessage(e), e);
    }
  }

  @Override
  public HeadChanges headChanges() {
    return headChanges;
  }

  @Override
  public void close() {
    headChanges.close();
    super.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
