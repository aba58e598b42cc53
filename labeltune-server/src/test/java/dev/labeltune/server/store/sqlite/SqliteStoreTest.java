package dev.labeltune.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.Task;
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

class SqliteStoreTest {
  @TempDir
  Path dir;

  private static Task task(String id, long tenant) {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    return Task.created(id, tenant, "t " + id, null, false, List.of(new Label("a", null), new Label("b", "about b")),
        now);
  }

  private static HeadVersion meta() {
    return new HeadVersion(0, "sha256:f", "zero-shot", Double.NaN, Double.NaN, 0, Instant.now());
  }

  @Test
  void open_migratesAnEmptyDatabaseToTheNewestVersionInWalMode() throws Exception {
    Path db = dir.resolve("l.db");
    try (SqliteStore store = SqliteStore.open(db)) {
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
    try (SqliteStore v1 = SqliteStore.open(db, older)) {
      tenant = v1.tenants().create("acme").id();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tasks(id, tenant_id, name, template, multi_label, created, updated) VALUES "
          + "('t_old', " + tenant + ", 'old task', NULL, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
      s.executeUpdate("INSERT INTO labels(task_id, position, name, text) VALUES ('t_old', 0, 'a', NULL), ('t_old', 1, 'b', NULL)");
      s.executeUpdate("INSERT INTO examples(task_id, text, labels, created) VALUES ('t_old', 'hello', '[\"a\"]', "
          + "'2026-01-01T00:00:00Z')");
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      Task old = store.tasks().get(tenant, "t_old").orElseThrow();
      assertThat(old.labelNames()).containsExactly("a", "b");
      assertThat(old.activeVersion()).isNull();
      assertThat(store.examples().page("t_old", 0, 10)).singleElement().satisfies(e -> assertThat(e.labels()).containsExactly("a"));
      int v = store.heads().add("t_old", new byte[] {1, 2}, meta(), true);
      assertThat(store.tasks().get(tenant, "t_old").orElseThrow().activeVersion()).isEqualTo(v);
    }
  }

  @Test
  void tasksAreScopedToTheirTenant() {
    try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
      long a = store.tenants().create("a").id();
      long b = store.tenants().create("b").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta());
      assertThat(store.tasks().get(a, "t1")).isPresent();
      assertThat(store.tasks().get(b, "t1")).isEmpty();
      assertThat(store.tasks().update(b, "t1", "x", null)).isEmpty();
      assertThat(store.tasks().delete(b, "t1")).isFalse();
      assertThat(store.tasks().page(b, 0, 10)).isEmpty();
      assertThat(store.tasks().get(a, "t1").orElseThrow().labels().get(1).text()).isEqualTo("about b");
    }
  }

  @Test
  void addExamples_isAllOrNothing() {
    try (SqliteStore store = SqliteStore.open(dir.resolve("x.db"))) {
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta());
      List<String> texts = new ArrayList<>(List.of("one", "two"));
      texts.add(null);
      assertThatThrownBy(() -> store.examples().add("t1", texts, List.of(List.of("a"), List.of("b"), List.of("a"))))
          .isInstanceOf(StoreException.class);
      assertThat(store.examples().page("t1", 0, 10)).isEmpty();
      assertThat(store.examples().add("t1", List.of("one", "two"), List.of(List.of("a"), List.of("b")))).hasSize(2);
      assertThat(store.tasks().delete(a, "t1")).isTrue();
      assertThat(store.examples().page("t1", 0, 10)).isEmpty();
    }
  }
}
