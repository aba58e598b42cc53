package dev.labeltune.server.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Where {@link Jdbc} gets a connection for a statement or a transaction, and gives it back. */
public interface Connections extends AutoCloseable {
  /** @return a connection in auto-commit mode, the caller's until {@link #release} */
  Connection acquire() throws SQLException;

  /** Gives back a connection from {@link #acquire}. */
  void release(Connection connection) throws SQLException;

  /**
   * Asked after the database was unreachable: whether it answers now, leaving these connections ready
   * to be used at once if it does.
   *
   * @return whether a valid connection could be had
   */
  default boolean reconnect() {
    try {
      Connection c = acquire();
      try {
        return c.isValid(2);
      } finally {
        release(c);
      }
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  void close() throws SQLException;
}
