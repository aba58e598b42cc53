package dev.labeltune.server.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.labeltune.server.store.jdbc.Connections;
import java.sql.Connection;
import java.sql.SQLException;

/** Connections from a HikariCP pool: one per statement or transaction, given back when done. */
final class PooledConnections implements Connections {
  private final HikariDataSource pool;

  PooledConnections(HikariDataSource pool) {
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
  public void close() {
    pool.close();
  }
}
