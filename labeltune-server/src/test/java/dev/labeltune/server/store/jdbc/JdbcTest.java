package dev.labeltune.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.StoreUnavailableException;
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

  @Test
  void otherFailuresAreTheStores() {
    assertThatThrownBy(() -> new Jdbc(new Failing(new SQLException("duplicate key", "23505"))).update("DELETE FROM x"))
        .isInstanceOf(StoreException.class).isNotInstanceOf(StoreUnavailableException.class);
  }
}
