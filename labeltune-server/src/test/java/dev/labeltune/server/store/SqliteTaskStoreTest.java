package dev.labeltune.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.server.store.StoreRecords.HeadVersion;
import dev.labeltune.server.store.StoreRecords.Label;
import dev.labeltune.server.store.StoreRecords.Task;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteTaskStoreTest {
  @TempDir
  Path dir;

  private static Task task(String id, long tenant) {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    return new Task(id, tenant, "t " + id, null, false, List.of(new Label("a", null), new Label("b", "about b")), now,
        now, null);
  }

  private static HeadVersion meta() {
    return new HeadVersion(0, "sha256:f", "zero-shot", Double.NaN, Double.NaN, 0, Instant.now());
  }

  @Test
  void open_migratesAnEmptyDatabaseToTheNewestVersionInWalMode() throws Exception {
    Path db = dir.resolve("l.db");
    try (SqliteTaskStore store = SqliteTaskStore.open(db)) {
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      ResultSet versions = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank");
      List<String> applied = new ArrayList<>();
      while (versions.next()) {
        applied.add(versions.getString(1));
      }
      assertThat(applied).containsExactly("1", "2", "3");
      ResultSet mode = s.executeQuery("PRAGMA journal_mode");
      assertThat(mode.getString(1)).isEqualTo("wal");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void open_migratesFromAnOlderVersionKeepingItsRows(String older) throws Exception {
    Path db = dir.resolve("old" + older + ".db");
    long tenant;
    try (SqliteTaskStore v1 = SqliteTaskStore.open(db, older)) {
      tenant = v1.createTenant("acme").id();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tasks(id, tenant_id, name, template, multi_label, created, updated) VALUES "
          + "('t_old', " + tenant + ", 'old task', NULL, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
      s.executeUpdate("INSERT INTO labels(task_id, position, name, text) VALUES ('t_old', 0, 'a', NULL), ('t_old', 1, 'b', NULL)");
      s.executeUpdate("INSERT INTO examples(task_id, text, labels, created) VALUES ('t_old', 'hello', '[\"a\"]', "
          + "'2026-01-01T00:00:00Z')");
    }
    try (SqliteTaskStore store = SqliteTaskStore.open(db)) {
      Task old = store.task(tenant, "t_old").orElseThrow();
      assertThat(old.labelNames()).containsExactly("a", "b");
      assertThat(old.activeVersion()).isNull();
      assertThat(store.examples("t_old", 0, 10)).singleElement().satisfies(e -> assertThat(e.labels()).containsExactly("a"));
      int v = store.addVersion("t_old", new byte[] {1, 2}, meta(), true);
      assertThat(store.task(tenant, "t_old").orElseThrow().activeVersion()).isEqualTo(v);
    }
  }

  @Test
  void tasksAreScopedToTheirTenant() {
    try (SqliteTaskStore store = SqliteTaskStore.open(dir.resolve("s.db"))) {
      long a = store.createTenant("a").id();
      long b = store.createTenant("b").id();
      store.createTask(task("t1", a), new byte[] {1}, meta());
      assertThat(store.task(a, "t1")).isPresent();
      assertThat(store.task(b, "t1")).isEmpty();
      assertThat(store.updateTask(b, "t1", "x", null)).isEmpty();
      assertThat(store.deleteTask(b, "t1")).isFalse();
      assertThat(store.tasks(b, 0, 10)).isEmpty();
      assertThat(store.task(a, "t1").orElseThrow().labels().get(1).text()).isEqualTo("about b");
    }
  }

  @Test
  void addExamples_isAllOrNothing() {
    try (SqliteTaskStore store = SqliteTaskStore.open(dir.resolve("x.db"))) {
      long a = store.createTenant("a").id();
      store.createTask(task("t1", a), new byte[] {1}, meta());
      List<String> texts = new ArrayList<>(List.of("one", "two"));
      texts.add(null);
      assertThatThrownBy(() -> store.addExamples("t1", texts, List.of(List.of("a"), List.of("b"), List.of("a"))))
          .isInstanceOf(StoreException.class);
      assertThat(store.examples("t1", 0, 10)).isEmpty();
      assertThat(store.addExamples("t1", List.of("one", "two"), List.of(List.of("a"), List.of("b")))).hasSize(2);
      assertThat(store.deleteTask(a, "t1")).isTrue();
      assertThat(store.examples("t1", 0, 10)).isEmpty();
    }
  }
}
