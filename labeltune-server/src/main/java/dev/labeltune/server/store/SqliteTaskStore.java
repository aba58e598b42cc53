package dev.labeltune.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.server.store.StoreRecords.ActiveHead;
import dev.labeltune.server.store.StoreRecords.ApiKey;
import dev.labeltune.server.store.StoreRecords.Example;
import dev.labeltune.server.store.StoreRecords.HeadVersion;
import dev.labeltune.server.store.StoreRecords.Job;
import dev.labeltune.server.store.StoreRecords.Label;
import dev.labeltune.server.store.StoreRecords.Task;
import dev.labeltune.server.store.StoreRecords.Tenant;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The task store in one SQLite file: WAL journal, {@code synchronous=FULL} (a commit survives a
 * power cut, not only a crash), foreign keys on. The schema is migrated by Flyway from the versioned
 * scripts under {@code db/migration} when the store opens. One connection serves every call, one
 * call at a time: SQLite has a single writer anyway, and every statement here is short.
 */
public final class SqliteTaskStore implements TaskStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Connection connection;

  private SqliteTaskStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the store in {@code file} and migrates its schema to the newest version.
   *
   * @param file the database file
   * @return the store
   * @throws StoreException if the file cannot be opened or migrated
   */
  public static SqliteTaskStore open(Path file) {
    return open(file, null);
  }

  /**
   * Opens the store and migrates its schema up to {@code target} only: for testing migrations from
   * an older version.
   *
   * @param file the database file
   * @param target the newest migration to apply, or null for all
   * @return the store
   */
  static SqliteTaskStore open(Path file, String target) {
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
      Connection connection = source.getConnection();
      return new SqliteTaskStore(connection);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("Cannot open the task store " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the result of {@code PRAGMA integrity_check}: "ok" for a sound file */
  public synchronized String integrityCheck() {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      return rs.next() ? rs.getString(1) : "no answer";
    } catch (SQLException e) {
      throw fail("check integrity", e);
    }
  }

  @Override
  public synchronized Tenant createTenant(String name) {
    Instant now = Instant.now();
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO tenants(name, created) VALUES (?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setString(2, now.toString());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return new Tenant(keys.getLong(1), name, now);
      }
    } catch (SQLException e) {
      throw fail("create tenant '" + name + "'", e);
    }
  }

  @Override
  public synchronized List<Tenant> tenants() {
    return query("SELECT id, name, created FROM tenants ORDER BY id", ps -> { },
        rs -> new Tenant(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3))));
  }

  @Override
  public synchronized Optional<Tenant> tenantNamed(String name) {
    return first(query("SELECT id, name, created FROM tenants WHERE name = ?", ps -> ps.setString(1, name),
        rs -> new Tenant(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)))));
  }

  @Override
  public synchronized void addKey(ApiKey key) {
    update("INSERT INTO api_keys(id, tenant_id, salt, hash, created) VALUES (?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, key.id());
      ps.setLong(2, key.tenantId());
      ps.setBytes(3, key.salt());
      ps.setBytes(4, key.hash());
      ps.setString(5, Instant.now().toString());
    });
  }

  @Override
  public synchronized Optional<ApiKey> key(String id) {
    return first(query("SELECT id, tenant_id, salt, hash, revoked FROM api_keys WHERE id = ?",
        ps -> ps.setString(1, id),
        rs -> new ApiKey(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5) != null)));
  }

  @Override
  public synchronized boolean revokeKey(String id) {
    return update("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL", ps -> {
      ps.setString(1, Instant.now().toString());
      ps.setString(2, id);
    }) > 0;
  }

  @Override
  public synchronized void createTask(Task task, byte[] head, HeadVersion meta) {
    inTransaction(() -> {
      update("INSERT INTO tasks(id, tenant_id, name, template, multi_label, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
          ps -> {
            ps.setString(1, task.id());
            ps.setLong(2, task.tenantId());
            ps.setString(3, task.name());
            ps.setString(4, task.template());
            ps.setInt(5, task.multiLabel() ? 1 : 0);
            ps.setString(6, task.created().toString());
            ps.setString(7, task.updated().toString());
          });
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO labels(task_id, position, name, text) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < task.labels().size(); i++) {
          ps.setString(1, task.id());
          ps.setInt(2, i);
          ps.setString(3, task.labels().get(i).name());
          ps.setString(4, task.labels().get(i).text());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      insertVersion(task.id(), head, meta, true);
      return null;
    }, "create task '" + task.name() + "'");
  }

  @Override
  public synchronized List<Task> tasks(long tenantId, int offset, int limit) {
    List<Task> bare = query("SELECT " + TASK_COLUMNS + " FROM tasks WHERE tenant_id = ? ORDER BY created, id LIMIT ? OFFSET ?",
        ps -> {
          ps.setLong(1, tenantId);
          ps.setInt(2, limit);
          ps.setInt(3, offset);
        }, this::bareTask);
    return bare.stream().map(this::withLabels).toList();
  }

  @Override
  public synchronized long countTasks() {
    return query("SELECT COUNT(*) FROM tasks", ps -> { }, rs -> rs.getLong(1)).get(0);
  }

  @Override
  public synchronized Optional<Task> task(long tenantId, String taskId) {
    return first(query("SELECT " + TASK_COLUMNS + " FROM tasks WHERE tenant_id = ? AND id = ?", ps -> {
      ps.setLong(1, tenantId);
      ps.setString(2, taskId);
    }, this::bareTask)).map(this::withLabels);
  }

  @Override
  public synchronized Optional<Task> updateTask(long tenantId, String taskId, String name, String template) {
    int n = update("UPDATE tasks SET name = ?, template = ?, updated = ? WHERE tenant_id = ? AND id = ?", ps -> {
      ps.setString(1, name);
      ps.setString(2, template);
      ps.setString(3, Instant.now().toString());
      ps.setLong(4, tenantId);
      ps.setString(5, taskId);
    });
    return n == 0 ? Optional.empty() : task(tenantId, taskId);
  }

  @Override
  public synchronized boolean deleteTask(long tenantId, String taskId) {
    return update("DELETE FROM tasks WHERE tenant_id = ? AND id = ?", ps -> {
      ps.setLong(1, tenantId);
      ps.setString(2, taskId);
    }) > 0;
  }

  @Override
  public synchronized List<Example> addExamples(String taskId, List<String> texts, List<List<String>> labels) {
    return inTransaction(() -> {
      List<Example> out = new ArrayList<>(texts.size());
      Instant now = Instant.now();
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO examples(task_id, text, labels, created) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        for (int i = 0; i < texts.size(); i++) {
          ps.setString(1, taskId);
          ps.setString(2, texts.get(i));
          ps.setString(3, JSON.writeValueAsString(labels.get(i)));
          ps.setString(4, now.toString());
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            out.add(new Example(keys.getLong(1), texts.get(i), labels.get(i), now));
          }
        }
      }
      update("UPDATE tasks SET updated = ? WHERE id = ?", ps -> {
        ps.setString(1, now.toString());
        ps.setString(2, taskId);
      });
      return out;
    }, "add " + texts.size() + " examples");
  }

  @Override
  public synchronized List<Example> examples(String taskId, long afterId, int limit) {
    return query("SELECT id, text, labels, created FROM examples WHERE task_id = ? AND id > ? ORDER BY id LIMIT ?",
        ps -> {
          ps.setString(1, taskId);
          ps.setLong(2, afterId);
          ps.setInt(3, limit);
        }, rs -> new Example(rs.getLong(1), rs.getString(2), parseLabels(rs.getString(3)),
            Instant.parse(rs.getString(4))));
  }

  @Override
  public synchronized long countExamples(String taskId) {
    return query("SELECT COUNT(*) FROM examples WHERE task_id = ?", ps -> ps.setString(1, taskId), rs -> rs.getLong(1))
        .get(0);
  }

  @Override
  public synchronized Optional<Instant> lastTuned(String taskId) {
    List<String> last = query("SELECT MAX(finished) FROM jobs WHERE task_id = ? AND state = 'succeeded'",
        ps -> ps.setString(1, taskId), rs -> rs.getString(1));
    return last.isEmpty() || last.get(0) == null ? Optional.empty() : Optional.of(Instant.parse(last.get(0)));
  }

  @Override
  public synchronized boolean deleteExample(String taskId, long exampleId) {
    return update("DELETE FROM examples WHERE task_id = ? AND id = ?", ps -> {
      ps.setString(1, taskId);
      ps.setLong(2, exampleId);
    }) > 0;
  }

  @Override
  public synchronized int addVersion(String taskId, byte[] head, HeadVersion meta, boolean activate) {
    return inTransaction(() -> insertVersion(taskId, head, meta, activate), "add a head version");
  }

  private int insertVersion(String taskId, byte[] head, HeadVersion meta, boolean activate) throws SQLException {
    int version = query("SELECT COALESCE(MAX(version), 0) + 1 FROM head_versions WHERE task_id = ?",
        ps -> ps.setString(1, taskId), rs -> rs.getInt(1)).get(0);
    update("INSERT INTO head_versions(task_id, version, head, fingerprint, method, cv_macro_f1, zero_shot_macro_f1, "
        + "examples, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
          ps.setString(1, taskId);
          ps.setInt(2, version);
          ps.setBytes(3, head);
          ps.setString(4, meta.fingerprint());
          ps.setString(5, meta.method());
          setNumber(ps, 6, meta.cvMacroF1());
          setNumber(ps, 7, meta.zeroShotMacroF1());
          ps.setInt(8, meta.examples());
          ps.setString(9, meta.created().toString());
        });
    if (activate) {
      setActive(taskId, version);
    }
    return version;
  }

  @Override
  public synchronized List<HeadVersion> versions(String taskId) {
    return query("SELECT version, fingerprint, method, cv_macro_f1, zero_shot_macro_f1, examples, created "
        + "FROM head_versions WHERE task_id = ? ORDER BY version", ps -> ps.setString(1, taskId),
        rs -> new HeadVersion(rs.getInt(1), rs.getString(2), rs.getString(3), number(rs, 4), number(rs, 5),
            rs.getInt(6), Instant.parse(rs.getString(7))));
  }

  @Override
  public synchronized Optional<byte[]> head(String taskId, int version) {
    return first(query("SELECT head FROM head_versions WHERE task_id = ? AND version = ?", ps -> {
      ps.setString(1, taskId);
      ps.setInt(2, version);
    }, rs -> rs.getBytes(1)));
  }

  @Override
  public synchronized boolean activate(String taskId, int version) {
    if (head(taskId, version).isEmpty()) {
      return false;
    }
    setActive(taskId, version);
    return true;
  }

  private void setActive(String taskId, int version) {
    update("UPDATE tasks SET active_version = ?, updated = ? WHERE id = ?", ps -> {
      ps.setInt(1, version);
      ps.setString(2, Instant.now().toString());
      ps.setString(3, taskId);
    });
  }

  @Override
  public synchronized void forEachActiveHead(Consumer<ActiveHead> sink) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT t.id, t.tenant_id, t.active_version, h.head FROM tasks t "
        + "JOIN head_versions h ON h.task_id = t.id AND h.version = t.active_version");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sink.accept(new ActiveHead(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBytes(4)));
      }
    } catch (SQLException e) {
      throw fail("read the active heads", e);
    }
  }

  @Override
  public synchronized void createJob(Job job) {
    update("INSERT INTO jobs(id, task_id, state, progress, created) VALUES (?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, job.id());
      ps.setString(2, job.taskId());
      ps.setString(3, job.state());
      ps.setDouble(4, job.progress());
      ps.setString(5, job.created().toString());
    });
  }

  @Override
  public synchronized void updateJob(Job job) {
    update("UPDATE jobs SET state = ?, progress = ?, message = ?, version = ?, cv_macro_f1 = ?, "
        + "zero_shot_macro_f1 = ?, finished = ?, report = ? WHERE id = ?", ps -> {
          ps.setString(1, job.state());
          ps.setDouble(2, job.progress());
          ps.setString(3, job.message());
          if (job.version() == null) {
            ps.setNull(4, Types.INTEGER);
          } else {
            ps.setInt(4, job.version());
          }
          setNumber(ps, 5, job.cvMacroF1());
          setNumber(ps, 6, job.zeroShotMacroF1());
          ps.setString(7, job.finished() == null ? null : job.finished().toString());
          ps.setString(8, job.report());
          ps.setString(9, job.id());
        });
  }

  @Override
  public synchronized Optional<Job> job(long tenantId, String jobId) {
    return first(query("SELECT j.id, j.task_id, j.state, j.progress, j.message, j.version, j.cv_macro_f1, "
        + "j.zero_shot_macro_f1, j.created, j.finished, j.report FROM jobs j JOIN tasks t ON t.id = j.task_id "
        + "WHERE j.id = ? AND t.tenant_id = ?", ps -> {
          ps.setString(1, jobId);
          ps.setLong(2, tenantId);
        }, rs -> {
          int version = rs.getInt(6);
          Integer v = rs.wasNull() ? null : version;
          String finished = rs.getString(10);
          return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5), v,
              number(rs, 7), number(rs, 8), Instant.parse(rs.getString(9)),
              finished == null ? null : Instant.parse(finished), rs.getString(11));
        }));
  }

  @Override
  public synchronized int markUnfinishedJobs(String state, String message) {
    return update("UPDATE jobs SET state = ?, message = ?, finished = ? WHERE state IN ('queued', 'running')", ps -> {
      ps.setString(1, state);
      ps.setString(2, message);
      ps.setString(3, Instant.now().toString());
    });
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }

  private static final String TASK_COLUMNS = "id, tenant_id, name, template, multi_label, created, updated, active_version";

  private Task bareTask(ResultSet rs) throws SQLException {
    int active = rs.getInt(8);
    Integer activeVersion = rs.wasNull() ? null : active;
    return new Task(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1, List.of(),
        Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), activeVersion);
  }

  private Task withLabels(Task t) {
    List<Label> labels = query("SELECT name, text FROM labels WHERE task_id = ? ORDER BY position",
        ps -> ps.setString(1, t.id()), rs -> new Label(rs.getString(1), rs.getString(2)));
    return new Task(t.id(), t.tenantId(), t.name(), t.template(), t.multiLabel(), labels, t.created(), t.updated(),
        t.activeVersion());
  }

  private static List<String> parseLabels(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new StoreException("A stored example has unreadable labels: " + json, e);
    }
  }

  private static void setNumber(PreparedStatement ps, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      ps.setNull(index, Types.REAL);
    } else {
      ps.setDouble(index, value);
    }
  }

  private static double number(ResultSet rs, int index) throws SQLException {
    double v = rs.getDouble(index);
    return rs.wasNull() ? Double.NaN : v;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException, JsonProcessingException;
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw fail("run a query", e);
    }
  }

  private int update(String sql, Binder binder) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw fail("write", e);
    }
  }

  private <T> T inTransaction(Work<T> work, String what) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException | JsonProcessingException e) {
      throw fail(what, e);
    }
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static StoreException fail(String what, Exception e) {
    return new StoreException("The task store could not " + what + ": " + e.getMessage(), e);
  }
}
