package dev.labeltune.server.store.postgres;

import dev.labeltune.server.store.Store;
import dev.labeltune.server.store.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/** A new schema on the test PostgreSQL server ({@link PostgresServer}). */
public final class PostgresTestDatabase extends TestDatabase {
  private final String url;

  private PostgresTestDatabase(String url) {
    this.url = url;
  }

  /** @return a database in a schema of its own; skips the test where there is no server */
  public static PostgresTestDatabase create() {
    return new PostgresTestDatabase(PostgresServer.freshSchema());
  }

  @Override
  public Store open(String target) {
    return PostgresStore.open(new PostgresLocation(url, null), target);
  }

  @Override
  protected Connection connect() throws SQLException {
    return connect(url);
  }

  /** @return the JDBC URL of the schema */
  public String url() {
    return url;
  }
}
