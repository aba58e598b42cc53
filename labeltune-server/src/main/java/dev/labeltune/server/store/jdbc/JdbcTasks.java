package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Columns.instant;
import static dev.labeltune.server.store.jdbc.Columns.integer;
import static dev.labeltune.server.store.jdbc.Columns.setInstant;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.TaskStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tables {@code tasks} and {@code labels}; a task is read with its labels and counts in one query.
 *
 * @param jdbc the database
 * @param dialect its SQL dialect
 * @param heads where a new task's first head version goes
 */
record JdbcTasks(Jdbc jdbc, SqlDialect dialect, JdbcHeads heads) implements TaskStore {
  private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() {};

  /** @return the start of a query of tasks {@code t} with their labels and counts */
  private String select() {
    return "SELECT t.id, t.tenant_id, t.name, t.template, t.multi_label, t.created, t.updated, t.active_version, "
        + "(SELECT COUNT(*) FROM examples e WHERE e.task_id = t.id), "
        + "(SELECT MAX(j.finished) FROM jobs j WHERE j.task_id = t.id AND j.state = "
        + JdbcJobs.literal(JobState.SUCCEEDED) + "), "
        + dialect.labelsAsJson() + " FROM tasks t ";
  }

  @Override
  public void create(Task task, byte[] head, HeadVersion meta) {
    jdbc.inTransaction("create task '" + task.name() + "'", c -> {
      jdbc.update("INSERT INTO tasks(id, tenant_id, name, template, multi_label, created, updated) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, task.id());
            ps.setLong(2, task.tenantId());
            ps.setString(3, task.name());
            ps.setString(4, task.template());
            ps.setBoolean(5, task.multiLabel());
            setInstant(ps, 6, task.created());
            setInstant(ps, 7, task.updated());
          });
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO labels(task_id, position, name, text) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < task.labels().size(); i++) {
          ps.setString(1, task.id());
          ps.setInt(2, i);
          ps.setString(3, task.labels().get(i).name());
          ps.setString(4, task.labels().get(i).text());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      if (head != null) {
        heads.add(task.id(), head, meta, true);
      }
      return null;
    });
  }

  @Override
  public List<Task> page(long tenantId, int offset, int limit) {
    return jdbc.query(select() + "WHERE t.tenant_id = ? ORDER BY t.created, t.id LIMIT ? OFFSET ?", ps -> {
      ps.setLong(1, tenantId);
      ps.setInt(2, limit);
      ps.setInt(3, offset);
    }, JdbcTasks::task);
  }

  @Override
  public long count() {
    return jdbc.first("SELECT COUNT(*) FROM tasks", ps -> { }, rs -> rs.getLong(1)).orElse(0L);
  }

  @Override
  public Optional<Task> get(long tenantId, String taskId) {
    return jdbc.first(select() + "WHERE t.tenant_id = ? AND t.id = ?", ps -> {
      ps.setLong(1, tenantId);
      ps.setString(2, taskId);
    }, JdbcTasks::task);
  }

  @Override
  public Optional<Task> update(long tenantId, String taskId, String name, String template) {
    int n = jdbc.update("UPDATE tasks SET name = ?, template = ?, updated = ? WHERE tenant_id = ? AND id = ?", name,
        template, Instant.now(), tenantId, taskId);
    return n == 0 ? Optional.empty() : get(tenantId, taskId);
  }

  @Override
  public boolean delete(long tenantId, String taskId) {
    return jdbc.inTransaction("delete task " + taskId, c -> {
      boolean deleted = jdbc.update("DELETE FROM tasks WHERE tenant_id = ? AND id = ?", tenantId, taskId) > 0;
      if (deleted) {
        heads.announce(taskId);
      }
      return deleted;
    });
  }

  private static Task task(ResultSet rs) throws SQLException {
    return new Task(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
        labels(rs.getString(11)), instant(rs, 6), instant(rs, 7), integer(rs, 8), rs.getLong(9), instant(rs, 10));
  }

  private static List<Label> labels(String json) {
    List<Label> out = new ArrayList<>();
    for (List<String> pair : StoredJson.read(json, PAIRS, "task labels")) {
      out.add(new Label(pair.get(0), pair.get(1)));
    }
    return out;
  }
}
