package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Columns.instant;
import static dev.labeltune.server.store.jdbc.Columns.number;
import static dev.labeltune.server.store.jdbc.Columns.setInstant;
import static dev.labeltune.server.store.jdbc.Columns.setNumber;

import dev.labeltune.server.domain.ActiveHead;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.store.HeadStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Table {@code head_versions} and the task's {@code active_version}. */
final class JdbcHeads implements HeadStore {
  private final Jdbc jdbc;
  private final SqlDialect dialect;

  JdbcHeads(Jdbc jdbc, SqlDialect dialect) {
    this.jdbc = jdbc;
    this.dialect = dialect;
  }

  @Override
  public int add(String taskId, byte[] head, HeadVersion meta, boolean activate) {
    return jdbc.inTransaction("add a head version", c -> {
      jdbc.first("SELECT id FROM tasks WHERE id = ?" + dialect.lockRow(), ps -> ps.setString(1, taskId), rs -> true);
      int version = jdbc.first("SELECT COALESCE(MAX(version), 0) + 1 FROM head_versions WHERE task_id = ?",
          ps -> ps.setString(1, taskId), rs -> rs.getInt(1)).orElseThrow();
      jdbc.update("INSERT INTO head_versions(task_id, version, head, fingerprint, method, cv_macro_f1, "
          + "zero_shot_macro_f1, examples, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, taskId);
            ps.setInt(2, version);
            ps.setBytes(3, head);
            ps.setString(4, meta.fingerprint());
            ps.setString(5, meta.method());
            setNumber(ps, 6, meta.cvMacroF1());
            setNumber(ps, 7, meta.zeroShotMacroF1());
            ps.setInt(8, meta.examples());
            setInstant(ps, 9, meta.created());
          });
      if (activate) {
        setActive(taskId, version);
      }
      return version;
    });
  }

  @Override
  public List<HeadVersion> versions(String taskId) {
    return jdbc.query("SELECT version, fingerprint, method, cv_macro_f1, zero_shot_macro_f1, examples, created "
        + "FROM head_versions WHERE task_id = ? ORDER BY version", ps -> ps.setString(1, taskId),
        rs -> new HeadVersion(rs.getInt(1), rs.getString(2), rs.getString(3), number(rs, 4), number(rs, 5),
            rs.getInt(6), instant(rs, 7)));
  }

  @Override
  public Optional<byte[]> bytes(String taskId, int version) {
    return jdbc.first("SELECT head FROM head_versions WHERE task_id = ? AND version = ?", ps -> {
      ps.setString(1, taskId);
      ps.setInt(2, version);
    }, rs -> rs.getBytes(1));
  }

  @Override
  public boolean activate(String taskId, int version) {
    return jdbc.inTransaction("activate version " + version, c -> {
      boolean exists = jdbc.first("SELECT 1 FROM head_versions WHERE task_id = ? AND version = ?", ps -> {
        ps.setString(1, taskId);
        ps.setInt(2, version);
      }, rs -> true).isPresent();
      if (exists) {
        setActive(taskId, version);
      }
      return exists;
    });
  }

  private void setActive(String taskId, int version) {
    jdbc.update("UPDATE tasks SET active_version = ?, head_serial = head_serial + 1, updated = ? WHERE id = ?", version,
        Instant.now(), taskId);
    announce(taskId);
  }

  /** Announces a change of the task's head, delivered when the surrounding transaction commits. */
  void announce(String taskId) {
    if (dialect.announceHead() != null) {
      jdbc.first(dialect.announceHead(), ps -> ps.setString(1, taskId), rs -> true);
    }
  }

  private static final int FETCH_SIZE = 64;
  private static final String ACTIVE = "SELECT t.id, t.tenant_id, t.active_version, t.head_serial, h.head FROM tasks t "
      + "LEFT JOIN head_versions h ON h.task_id = t.id AND h.version = t.active_version";

  private static ActiveHead active(ResultSet rs) throws SQLException {
    return new ActiveHead(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getBytes(5));
  }

  @Override
  public OptionalLong activeSerial(String taskId, int version) {
    return jdbc.first("SELECT head_serial FROM tasks WHERE id = ? AND active_version = ?", ps -> {
      ps.setString(1, taskId);
      ps.setInt(2, version);
    }, rs -> rs.getLong(1)).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  @Override
  public Optional<ActiveHead> active(String taskId) {
    return jdbc.first(ACTIVE + " WHERE t.id = ?", ps -> ps.setString(1, taskId), JdbcHeads::active);
  }

  @Override
  public Map<String, Long> serials() {
    Map<String, Long> out = new HashMap<>();
    jdbc.query("SELECT id, head_serial FROM tasks", ps -> { }, rs -> out.put(rs.getString(1), rs.getLong(2)));
    return out;
  }

  @Override
  public void forEachActive(Consumer<ActiveHead> sink) {
    // In a transaction with a fetch size, so drivers that would otherwise read every row first
    // (PostgreSQL's) stream them: only a few heads are held as bytes at a time.
    jdbc.inTransaction("read the active heads", c -> {
      try (PreparedStatement ps = c.prepareStatement(ACTIVE)) {
        ps.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(active(rs));
          }
        }
      }
      return null;
    });
  }
}
