package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Columns.instant;
import static dev.labeltune.server.store.jdbc.Columns.setInstant;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.labeltune.server.domain.Example;
import dev.labeltune.server.store.ExampleStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Table {@code examples}; an example's labels are a JSON array of names. */
final class JdbcExamples implements ExampleStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private final Jdbc jdbc;

  JdbcExamples(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Example> add(String taskId, List<String> texts, List<List<String>> labels) {
    Instant now = Instant.now();
    return jdbc.inTransaction("add " + texts.size() + " examples", c -> {
      List<Example> out = new ArrayList<>(texts.size());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO examples(task_id, text, labels, created) "
          + "VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        for (int i = 0; i < texts.size(); i++) {
          ps.setString(1, taskId);
          ps.setString(2, texts.get(i));
          ps.setString(3, StoredJson.write(labels.get(i)));
          setInstant(ps, 4, now);
          ps.executeUpdate();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            out.add(new Example(keys.getLong(1), texts.get(i), labels.get(i), now));
          }
        }
      }
      jdbc.update("UPDATE tasks SET updated = ? WHERE id = ?", now, taskId);
      return out;
    });
  }

  @Override
  public List<Example> page(String taskId, long afterId, int limit) {
    return jdbc.query("SELECT id, text, labels, created FROM examples WHERE task_id = ? AND id > ? ORDER BY id LIMIT ?",
        ps -> {
          ps.setString(1, taskId);
          ps.setLong(2, afterId);
          ps.setInt(3, limit);
        }, rs -> new Example(rs.getLong(1), rs.getString(2), StoredJson.read(rs.getString(3), STRINGS, "example labels"),
            instant(rs, 4)));
  }

  /** Groups by the stored label list, so a task of many examples and few labels reads a few rows. */
  @Override
  public Map<String, Integer> countByLabel(String taskId) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query("SELECT labels, COUNT(*) FROM examples WHERE task_id = ? GROUP BY labels", ps -> ps.setString(1, taskId),
        rs -> Map.entry(StoredJson.read(rs.getString(1), STRINGS, "example labels"), rs.getInt(2)))
        .forEach(group -> group.getKey().forEach(l -> counts.merge(l, group.getValue(), Integer::sum)));
    return counts;
  }

  @Override
  public boolean delete(String taskId, long exampleId) {
    return jdbc.update("DELETE FROM examples WHERE task_id = ? AND id = ?", taskId, exampleId) > 0;
  }
}
