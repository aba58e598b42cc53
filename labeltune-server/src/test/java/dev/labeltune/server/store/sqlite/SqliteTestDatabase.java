package dev.labeltune.server.store.sqlite;

import dev.labeltune.server.store.Store;
import dev.labeltune.server.store.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** A new SQLite file in the test's directory. */
public final class SqliteTestDatabase extends TestDatabase {
  private final Path file;

  private SqliteTestDatabase(Path file) {
    this.file = file;
  }

  /** @return a database in a file of its own under {@code dir} */
  public static SqliteTestDatabase create(Path dir) {
    return new SqliteTestDatabase(dir.resolve("store-" + System.nanoTime() + ".db"));
  }

  @Override
  public Store open(String target) {
    return SqliteStore.open(file, target);
  }

  @Override
  protected Connection connect() throws SQLException {
    return connect("jdbc:sqlite:" + file);
  }
}
