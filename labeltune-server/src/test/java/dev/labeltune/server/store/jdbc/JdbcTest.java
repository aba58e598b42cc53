package dev.labeltune.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.StoreUnavailableException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Failures are told apart: a database that cannot be reached passes; anything else is the store's fault. */
class JdbcTest {
  /** Connections that always fail with {@code failure}. */
  private record Failing(SQLException failure) implements Connections {
    @Override
    public Connection acquire() throws SQLException {
      throw failure;
    }

    @Override
    public void release(Connection connection) {}

    @Override
    public void close() {}
  }

  @Test
  void noConnectionInTimeOrALostOneIsUnavailable() {
    for (SQLException down : new SQLException[] {new SQLTransientConnectionException("pool timed out"),
        new SQLException("Connection refused", "08001"), new SQLException("terminating connection", "57P01")}) {
      assertThatThrownBy(() -> new Jdbc(new Failing(down)).update("DELETE FROM tasks"))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining(down.getMessage());
    }
  }

  /**
   * The server shut down mid-transaction: the statement fails with 57P01, and the connection, now
   * broken, refuses even the reset to auto-commit with a stateless "Connection is closed" (as
   * HikariCP's closed proxy does). The outage must still read as one.
   */
  @Test
  void aTransactionLostToAShutdownIsUnavailableThoughItsCleanupFailsToo() {
    SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");
    Connection broken = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("setAutoCommit") && Boolean.TRUE.equals(args[0])
              || method.getName().equals("rollback")) {
            throw new SQLException("Connection is closed");
          }
          if (method.getName().equals("prepareStatement")) {
            throw shutdown;
          }
          return null;
        });
    Connections one = new Connections() {
      @Override
      public Connection acquire() {
        return broken;
      }

      @Override
      public void release(Connection connection) {}

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> new Jdbc(one).inTransaction("create task 'u'", c -> {
      c.prepareStatement("INSERT INTO tasks VALUES (1)");
      return null;
    })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("administrator command");
  }

  @Test
  void otherFailuresAreTheStores() {
    assertThatThrownBy(() -> new Jdbc(new Failing(new SQLException("duplicate key", "23505"))).update("DELETE FROM x"))
        .isInstanceOf(StoreException.class).isNotInstanceOf(StoreUnavailableException.class);
  }
}
