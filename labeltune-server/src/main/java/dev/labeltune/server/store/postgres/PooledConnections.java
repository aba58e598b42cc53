package dev.labeltune.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.labeltune.server.store.jdbc.Connections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Connections from a HikariCP pool: one per statement or transaction, given back when done. After an
 * outage the pool is made anew as soon as the database answers a connection of its own: HikariCP's
 * pool waits out a back-off after failed attempts (doubling up to 5 s), so the old one could take
 * seconds to connect again.
 */
final class PooledConnections implements Connections {
  /** How long an old pool is kept for the statements still holding its connections. */
  private static final long RETIRE_SECONDS = 30;

  private final HikariConfig config;
  private final List<HikariDataSource> retired = new CopyOnWriteArrayList<>();
  private volatile HikariDataSource pool;

  PooledConnections(HikariConfig config, HikariDataSource pool) {
    this.config = config;
    this.pool = pool;
  }

  @Override
  public Connection acquire() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void release(Connection connection) throws SQLException {
    connection.close();
  }

  @Override
  public boolean reconnect() {
    Properties credentials = new Properties();
    if (config.getUsername() != null) {
      credentials.setProperty("user", config.getUsername());
    }
    if (config.getPassword() != null) {
      credentials.setProperty("password", config.getPassword());
    }
    try (Connection c = DriverManager.getConnection(config.getJdbcUrl(), credentials)) {
      if (!c.isValid(2)) {
        return false;
      }
    } catch (SQLException e) {
      return false;
    }
    HikariDataSource fresh;
    try {
      fresh = new HikariDataSource(config);
    } catch (RuntimeException e) {
      return false;
    }
    HikariDataSource old = pool;
    pool = fresh;
    retired.add(old);
    CompletableFuture.delayedExecutor(RETIRE_SECONDS, TimeUnit.SECONDS).execute(() -> {
      old.close();
      retired.remove(old);
    });
    return true;
  }

  @Override
  public void close() {
    retired.forEach(HikariDataSource::close);
    pool.close();
  }
}
