package dev.labeltune.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.server.domain.ApiKey;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.domain.TuningReport;
import dev.labeltune.server.store.Store;
import dev.labeltune.server.store.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite store copied into PostgreSQL: every row, ids kept, checked; a non-empty target only when told. */
class StoreCopyTest {
  @TempDir
  Path dir;

  @Test
  void copy_sqliteToPostgresqlKeepsEveryRowAndId() {
    try (Store sqlite = TestDatabase.of("sqlite", dir).open(null);
        Store postgres = TestDatabase.of("postgresql", dir).open(null)) {
      long a = sqlite.tenants().create("acme").id();
      sqlite.tenants().addKey(new ApiKey("k1", a, new byte[] {1, 2}, new byte[] {3, 4}, false));
      Instant now = Instant.parse("2026-12-04T10:00:00Z");
      sqlite.tasks().create(Task.created("t1", a, "tickets", "It is {}.", true, List.of(new Label("x", null),
          new Label("y", "about y")), now), new byte[] {9, 9}, new HeadVersion(0, "sha256:f", "zero-shot", Double.NaN,
          Double.NaN, 0, now));
      sqlite.examples().add("t1", List.of("one", "two"), List.of(List.of("x"), List.of("x", "y")));
      sqlite.heads().add("t1", new byte[] {7}, new HeadVersion(0, "sha256:f", "lt", 0.9, 0.4, 2, now), true);
      Job job = Job.queued("j_1", "t1", now);
      sqlite.jobs().create(job);
      TuningReport.Metrics metrics = new TuningReport.Metrics(90, 90, List.of(), List.of(List.of(1)));
      sqlite.jobs().update(job.running(0).succeeded(2, 0.9, 0.4, new TuningReport(List.of("x"), metrics, metrics), now));

      StoreCopy.Report report = StoreCopy.copy((JdbcStore) sqlite, (JdbcStore) postgres, false);
      assertThat(report.rows()).containsEntry("tenants", 1L).containsEntry("examples", 2L)
          .containsEntry("head_versions", 2L).containsEntry("jobs", 1L);
      assertThat(report.heads()).isEqualTo(2);

      Task copied = postgres.tasks().get(a, "t1").orElseThrow();
      assertThat(copied).isEqualTo(sqlite.tasks().get(a, "t1").orElseThrow());
      assertThat(postgres.tenants().key("k1").orElseThrow().hash()).containsExactly(3, 4);
      assertThat(postgres.jobs().get(a, "j_1")).isEqualTo(sqlite.jobs().get(a, "j_1"));
      assertThat(postgres.examples().page("t1", 0, 10)).isEqualTo(sqlite.examples().page("t1", 0, 10));
      // New rows continue after the copied ids.
      assertThat(postgres.tenants().create("globex").id()).isGreaterThan(a);
      assertThat(postgres.examples().add("t1", List.of("three"), List.of(List.of("y"))).get(0).id())
          .isGreaterThan(sqlite.examples().page("t1", 0, 10).get(1).id());

      assertThatThrownBy(() -> StoreCopy.copy((JdbcStore) sqlite, (JdbcStore) postgres, false))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("--replace");
      assertThat(StoreCopy.copy((JdbcStore) sqlite, (JdbcStore) postgres, true).rows()).containsEntry("tenants", 1L);
    }
  }
}
