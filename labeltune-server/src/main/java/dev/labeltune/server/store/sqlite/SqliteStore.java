package dev.labeltune.server.store.sqlite;

import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.store.ExampleStore;
import dev.labeltune.server.store.HeadStore;
import dev.labeltune.server.store.JobStore;
import dev.labeltune.server.store.Store;
import dev.labeltune.server.store.TaskStore;
import dev.labeltune.server.store.TenantStore;
import dev.labeltune.server.store.jdbc.Jdbc;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store in one SQLite file: WAL journal, {@code synchronous=FULL} (a commit survives a power
 * cut, not only a crash), foreign keys on. Flyway migrates the schema from the versioned scripts
 * under {@code db/migration} when the store opens.
 */
public final class SqliteStore implements Store {
  private final Jdbc jdbc;
  private final SqliteTenants tenants;
  private final SqliteTasks tasks;
  private final SqliteExamples examples;
  private final SqliteHeads heads;
  private final SqliteJobs jobs;

  private SqliteStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.tenants = new SqliteTenants(jdbc);
    this.heads = new SqliteHeads(jdbc);
    this.tasks = new SqliteTasks(jdbc, heads);
    this.examples = new SqliteExamples(jdbc);
    this.jobs = new SqliteJobs(jdbc);
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
      var flyway = Flyway.configure().dataSource(source).locations("classpath:db/migration");
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
    return jdbc.first("PRAGMA integrity_check", ps -> { }, rs -> rs.getString(1)).orElse("no answer");
  }

  @Override
  public TenantStore tenants() {
    return tenants;
  }

  @Override
  public TaskStore tasks() {
    return tasks;
  }

  @Override
  public ExampleStore examples() {
    return examples;
  }

  @Override
  public HeadStore heads() {
    return heads;
  }

  @Override
  public JobStore jobs() {
    return jobs;
  }

  @Override
  public void close() {
    jdbc.close();
  }
}
