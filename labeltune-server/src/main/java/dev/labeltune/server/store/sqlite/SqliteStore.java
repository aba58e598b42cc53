package dev.labeltune.server.store.sqlite;

import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.store.jdbc.Jdbc;
import dev.labeltune.server.store.jdbc.JdbcStore;
import dev.labeltune.server.store.jdbc.SqlDialect;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store in one SQLite file, the embedded default for one machine: WAL journal, {@code
 * synchronous=FULL} (a commit survives a power cut, not only a crash), foreign keys on. Flyway
 * migrates the schema from {@code db/migration/sqlite} when the store opens.
 */
public final class SqliteStore extends JdbcStore {
  private SqliteStore(Jdbc jdbc) {
    super(jdbc, SqlDialect.SQLITE);
  }

  /**
   * Opens (creating if needed) the store in {@code file} and migrates its schema to the newest version.
   *
   * @throws StoreException if the file cannot be opened or migrated
   */
  public static SqliteStore open(Path file) {
    return open(file, null);
  }

  /**
   * Opens the store and migrates its schema up to {@code target} only: for testing migrations from
   * an older version.
   *
   * @param target the newest migration to apply, or null for all
   */
  static SqliteStore open(Path file, String target) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      var flyway = Flyway.configure().dataSource(source).locations("classpath:db/migration/sqlite");
      if (target != null) {
        flyway.target(MigrationVersion.fromVersion(target));
      }
      flyway.load().migrate();
      return new SqliteStore(new Jdbc(new SingleConnection(source.getConnection())));
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("Cannot open the task store " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the result of {@code PRAGMA integrity_check}: "ok" for a sound file */
  public String integrityCheck() {
    return jdbc().first("PRAGMA integrity_check", ps -> { }, rs -> rs.getString(1)).orElse("no answer");
  }
}
