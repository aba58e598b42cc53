package dev.labeltune.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An empty database of one dialect for one test, and raw SQL on it: the store tests run once per
 * dialect on the same cases.
 */
public abstract class TestDatabase {
  /** The dialects the store tests run on. */
  public static final String[] DIALECTS = {"sqlite", "postgresql"};

  /**
   * @param dialect one of {@link #DIALECTS}
   * @param dir a temporary directory of the test
   * @return a fresh database (for PostgreSQL, a schema of its own; skipped where there is no server)
   */
  public static TestDatabase of(String dialect, Path dir) {
    return switch (dialect) {
      case "sqlite" -> dev.labeltune.server.store.sqlite.SqliteTestDatabase.create(dir);
      case "postgresql" -> dev.labeltune.server.store.postgres.PostgresTestDatabase.create();
      default -> throw new IllegalArgumentException("No dialect " + dialect);
    };
  }

  /** @return the store on it, migrated up to {@code target} (null: the newest) */
  public abstract Store open(String target);

  /** @return a raw connection to it */
  protected abstract Connection connect() throws SQLException;

  /** Runs SQL outside the store, as an older version of LabelTune would have. */
  public void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** @return the migration versions applied, in order */
  public List<String> applied() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** @return a raw connection through {@code url} */
  protected static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }
}
