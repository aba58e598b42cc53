package dev.labeltune.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store promises (every dialect's behaviour is in {@code StoreTest}). */
class SqliteStoreTest {
  @TempDir
  Path dir;

  @Test
  void open_usesWalModeAndASoundFile() throws Exception {
    Path db = dir.resolve("l.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
      assertThat(mode.getString(1)).isEqualTo("wal");
    }
  }
}
