package dev.labeltune.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.server.domain.ActiveHead;
import dev.labeltune.server.domain.ApiKey;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobClaim;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.PoolText;
import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.domain.TuningReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/** Every store behaviour, once per SQL dialect, on a real database of each. */
class StoreTest {
  static final String[] DIALECTS = TestDatabase.DIALECTS;

  @TempDir
  Path dir;

  private static Task task(String id, long tenant) {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    return Task.created(id, tenant, "t " + id, null, false, List.of(new Label("a", null), new Label("b", "about b")),
        now);
  }

  private static HeadVersion meta(String method) {
    return new HeadVersion(0, "sha256:f", method, Double.NaN, Double.NaN, 0, Instant.now());
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void open_migratesAnEmptyDatabaseToTheNewestVersion(String dialect) throws Exception {
    TestDatabase db = TestDatabase.of(dialect, dir);
    db.open(null).close();
    assertThat(db.applied()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    db.open(null).close();
    assertThat(db.applied()).as("opening again applies nothing").containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
  }

  @ParameterizedTest
  @CsvSource({"sqlite, 1", "sqlite, 2", "sqlite, 3", "sqlite, 4", "sqlite, 5", "postgresql, 1", "postgresql, 2",
      "postgresql, 3", "postgresql, 4", "postgresql, 5"})
  void open_migratesFromAnOlderVersionKeepingItsRows(String dialect, String older) throws Exception {
    TestDatabase db = TestDatabase.of(dialect, dir);
    long tenant;
    try (Store old = db.open(older)) {
      tenant = old.tenants().create("acme").id();
    }
    db.execute("INSERT INTO tasks(id, tenant_id, name, template, multi_label, created, updated) VALUES "
        + "('t_old', " + tenant + ", 'old task', NULL, FALSE, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    db.execute("INSERT INTO labels(task_id, position, name, text) VALUES ('t_old', 0, 'a', NULL), ('t_old', 1, 'b', NULL)");
    db.execute("INSERT INTO examples(task_id, text, labels, created) VALUES ('t_old', 'hello', '[\"a\"]', "
        + "'2026-01-01T00:00:00Z')");
    try (Store store = db.open(null)) {
      Task old = store.tasks().get(tenant, "t_old").orElseThrow();
      assertThat(old.labelNames()).containsExactly("a", "b");
      assertThat(old.activeVersion()).isNull();
      assertThat(old.examples()).isEqualTo(1);
      assertThat(store.examples().page("t_old", 0, 10)).singleElement()
          .satisfies(e -> assertThat(e.labels()).containsExactly("a"));
      List<ActiveHead> active = new ArrayList<>();
      store.heads().forEachActive(active::add);
      assertThat(active).singleElement().satisfies(a -> assertThat(a.head()).isNull());
      int v = store.heads().add("t_old", new byte[] {1, 2}, meta("lt"), true);
      assertThat(store.tasks().get(tenant, "t_old").orElseThrow().activeVersion()).isEqualTo(v);
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void tasksAreScopedToTheirTenantAndReadWithTheirCounts(String dialect) {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      long b = store.tenants().create("b").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      store.tasks().create(task("t2", a), new byte[] {1}, meta("zero-shot"));
      assertThat(store.tasks().get(a, "t1")).isPresent();
      assertThat(store.tasks().get(b, "t1")).isEmpty();
      assertThat(store.tasks().update(b, "t1", "x", null)).isEmpty();
      assertThat(store.tasks().delete(b, "t1")).isFalse();
      assertThat(store.tasks().page(b, 0, 10)).isEmpty();
      Task t1 = store.tasks().get(a, "t1").orElseThrow();
      assertThat(t1.labels()).containsExactly(new Label("a", null), new Label("b", "about b"));
      assertThat(t1.multiLabel()).isFalse();
      assertThat(t1.activeVersion()).isEqualTo(1);

      store.examples().add("t1", List.of("one", "two", "three"), List.of(List.of("a"), List.of("b"), List.of("a")));
      Job job = Job.queued("j_1", "t1", Instant.now());
      store.jobs().create(job);
      Instant done = Instant.parse("2026-12-01T12:00:00.5Z");
      store.jobs().update(job.running(0.5).succeeded(2, 0.9, 0.5, null, done));
      List<Task> page = store.tasks().page(a, 0, 10);
      assertThat(page).extracting(Task::id).containsExactly("t1", "t2");
      assertThat(page.get(0).examples()).isEqualTo(3);
      assertThat(page.get(0).lastTuned()).isEqualTo(done);
      assertThat(page.get(1).examples()).isZero();
      assertThat(page.get(1).lastTuned()).isNull();
      assertThat(store.tasks().page(a, 1, 10)).extracting(Task::id).containsExactly("t2");
      assertThat(store.tasks().count()).isEqualTo(2);

      Task renamed = store.tasks().update(a, "t1", "renamed", "It is {}.").orElseThrow();
      assertThat(renamed.name()).isEqualTo("renamed");
      assertThat(renamed.template()).isEqualTo("It is {}.");
      assertThat(store.tasks().delete(a, "t1")).isTrue();
      assertThat(store.examples().page("t1", 0, 10)).isEmpty();
      assertThat(store.jobs().get(a, "j_1")).isEmpty();
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void addExamples_isAllOrNothing(String dialect) {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      List<String> texts = new ArrayList<>(List.of("one", "two"));
      texts.add(null);
      assertThatThrownBy(() -> store.examples().add("t1", texts, List.of(List.of("a"), List.of("b"), List.of("a"))))
          .isInstanceOf(StoreException.class);
      assertThat(store.examples().page("t1", 0, 10)).isEmpty();
      assertThat(store.examples().add("t1", List.of("one", "two"), List.of(List.of("a"), List.of("b")))).hasSize(2);
      long first = store.examples().page("t1", 0, 1).get(0).id();
      assertThat(store.examples().page("t1", first, 10)).extracting(e -> e.text()).containsExactly("two");
      assertThat(store.examples().delete("t1", first)).isTrue();
      assertThat(store.examples().delete("t1", first)).isFalse();
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void countByLabel_countsEveryLabelOfEveryExample(String dialect) {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      store.tasks().create(task("t2", a), new byte[] {1}, meta("zero-shot"));
      assertThat(store.examples().countByLabel("t1")).isEmpty();
      store.examples().add("t1", List.of("one", "two", "three", "four"),
          List.of(List.of("a"), List.of("b"), List.of("a", "b"), List.of("a")));
      store.examples().add("t2", List.of("other"), List.of(List.of("b")));
      assertThat(store.examples().countByLabel("t1")).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 2));
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void headVersions_concurrentWritersGetDistinctNumbersAndActivationIsRecorded(String dialect) throws Exception {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> added = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        byte[] bytes = {(byte) i};
        added.add(pool.submit(() -> store.heads().add("t1", bytes, meta("lt"), false)));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> f : added) {
        versions.add(f.get());
      }
      pool.shutdown();
      Collections.sort(versions);
      assertThat(versions).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
      assertThat(store.heads().versions("t1")).hasSize(13);
      assertThat(store.heads().activate("t1", 7)).isTrue();
      assertThat(store.heads().activate("t1", 99)).isFalse();
      assertThat(store.tasks().get(a, "t1").orElseThrow().activeVersion()).isEqualTo(7);
      assertThat(store.heads().bytes("t1", 1)).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
      List<ActiveHead> active = new ArrayList<>();
      store.heads().forEachActive(active::add);
      assertThat(active).singleElement().satisfies(h -> {
        assertThat(h.version()).isEqualTo(7);
        assertThat(h.tenantId()).isEqualTo(a);
      });
      HeadVersion v2 = store.heads().versions("t1").get(1);
      assertThat(v2.cvMacroF1()).isNaN();
      assertThat(v2.method()).isEqualTo("lt");
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void keysAndJobs(String dialect) {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      assertThat(store.tenants().named("a")).isPresent();
      assertThat(store.tenants().byId(a)).isPresent();
      assertThat(store.tenants().all()).hasSize(1);
      assertThatThrownBy(() -> store.tenants().create("a")).isInstanceOf(StoreException.class);
      store.tenants().addKey(new ApiKey("k1", a, new byte[] {1}, new byte[] {2, 3}, false));
      assertThat(store.tenants().key("k1")).hasValueSatisfying(k -> assertThat(k.hash()).containsExactly(2, 3));
      assertThat(store.tenants().revokeKey("k1")).isTrue();
      assertThat(store.tenants().revokeKey("k1")).isFalse();
      assertThat(store.tenants().key("k1").orElseThrow().revoked()).isTrue();

      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      store.jobs().create(Job.queued("j_1", "t1", Instant.now()));
      store.jobs().create(Job.queued("j_2", "t1", Instant.now()));
      store.jobs().update(store.jobs().get(a, "j_2").orElseThrow().running(0.25));
      assertThat(store.jobs().get(a, "j_2").orElseThrow().progress()).isEqualTo(0.25);
      assertThat(store.jobs().endUnfinished(JobState.FAILED, "stopped")).isEqualTo(2);
      Job failed = store.jobs().get(a, "j_1").orElseThrow();
      assertThat(failed.state()).isEqualTo(JobState.FAILED);
      assertThat(failed.message()).isEqualTo("stopped");
      assertThat(failed.finished()).isNotNull();
      assertThat(failed.version()).isNull();

      TuningReport.Metrics metrics = new TuningReport.Metrics(75, 80, List.of(new TuningReport.LabelScores("a", 75, 70,
          80, 3)), List.of(List.of(3, 1), List.of(0, 4)));
      TuningReport report = new TuningReport(List.of("a", "b"), metrics, metrics);
      store.jobs().update(store.jobs().get(a, "j_2").orElseThrow().succeeded(1, 75, 60, report, Instant.now()));
      TuningReport back = store.jobs().get(a, "j_2").orElseThrow().report();
      assertThat(back.labels()).containsExactly("a", "b");
      assertThat(back.zeroShot().perLabel()).containsExactly(new TuningReport.LabelScores("a", 75, 70, 80, 3));
      assertThat(back).isEqualTo(report);
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void everyChangeOfAnActiveHeadRaisesItsSerialAndASharedStoreAnnouncesItOnCommit(String dialect) throws Exception {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      List<String> heard = Collections.synchronizedList(new ArrayList<>());
      store.headChanges().start(new HeadChanges.Listener() {
        @Override
        public void changed(String taskId) {
          heard.add(taskId);
        }

        @Override
        public void resync() {
          heard.add("(resync)");
        }
      });
      boolean shared = store.headChanges().shared();
      // A shared store's listener resyncs once it listens (news before that went to nobody); from then
      // on every change is announced.
      long listening = System.nanoTime() + 10_000_000_000L;
      while (shared && !heard.contains("(resync)") && System.nanoTime() < listening) {
        Thread.sleep(10);
      }
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      assertThat(store.heads().serials()).containsEntry("t1", 1L);
      int v2 = store.heads().add("t1", new byte[] {2}, meta("lt"), true);
      store.heads().add("t1", new byte[] {3}, meta("lt"), false);
      assertThat(store.heads().serials()).as("a version not activated changes nothing").containsEntry("t1", 2L);
      store.heads().activate("t1", 1);
      assertThat(store.heads().active("t1")).hasValueSatisfying(h -> {
        assertThat(h.serial()).isEqualTo(3);
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.head()).containsExactly(1);
      });
      assertThat(v2).isEqualTo(2);
      store.tasks().delete(a, "t1");
      assertThat(store.heads().active("t1")).isEmpty();
      if (shared) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (heard.size() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(heard).containsExactly("(resync)", "t1", "t1", "t1", "t1");
      } else {
        assertThat(heard).as("a store one process writes has nothing to announce").isEmpty();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void jobsAreTakenOnceUnderALeaseAndEndOnlyWhileItIsHeld(String dialect) throws Exception {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
      store.jobs().create(Job.queued("j_1", "t1", t0));
      store.jobs().create(Job.queued("j_2", "t1", t0.plusSeconds(1)));
      assertThat(store.jobs().countQueued()).isEqualTo(2);

      JobClaim first = store.jobs().claim("r_a", t0, t0.plusSeconds(30)).orElseThrow();
      assertThat(first.job().id()).isEqualTo("j_1");
      assertThat(first.tenantId()).isEqualTo(a);
      assertThat(first.attempt()).isEqualTo(1);
      assertThat(store.jobs().claim("r_b", t0, t0.plusSeconds(30)).orElseThrow().job().id()).isEqualTo("j_2");
      assertThat(store.jobs().claim("r_b", t0.plusSeconds(10), t0.plusSeconds(40))).as("both leases hold").isEmpty();

      assertThat(store.jobs().progress("j_1", "r_a", 0.5, t0.plusSeconds(60))).isTrue();
      assertThat(store.jobs().progress("j_1", "r_b", 0.5, t0.plusSeconds(60))).as("not r_b's lease").isFalse();
      // r_a dies: its lease runs out, r_b takes the job again.
      JobClaim again = store.jobs().claim("r_b", t0.plusSeconds(61), t0.plusSeconds(90)).orElseThrow();
      assertThat(again.job().id()).isEqualTo("j_1");
      assertThat(again.attempt()).isEqualTo(2);
      assertThat(store.jobs().progress("j_1", "r_a", 0.9, t0.plusSeconds(120))).as("r_a lost it").isFalse();
      assertThat(store.jobs().publish("j_1", "r_a", "t1", new byte[] {7}, meta("lt"),
          v -> again.job().succeeded(v, 0.9, 0.5, null, t0))).as("the old owner stores nothing").isEmpty();
      assertThat(store.heads().versions("t1")).hasSize(1);

      assertThat(store.jobs().publish("j_1", "r_b", "t1", new byte[] {8}, meta("lt"),
          v -> again.job().succeeded(v, 0.9, 0.5, null, t0))).hasValue(2);
      Job done = store.jobs().get(a, "j_1").orElseThrow();
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.version()).isEqualTo(2);
      assertThat(store.tasks().get(a, "t1").orElseThrow().activeVersion()).isEqualTo(2);
      assertThat(store.jobs().publish("j_1", "r_b", "t1", new byte[] {9}, meta("lt"),
          v -> again.job().succeeded(v, 0.9, 0.5, null, t0))).as("never twice").isEmpty();
      assertThat(store.jobs().end(again.job().ended(JobState.FAILED, "late", t0), "r_b")).isFalse();

      assertThat(store.jobs().end(store.jobs().get(a, "j_2").orElseThrow().running(0)
          .ended(JobState.FAILED, "bad data", t0), "r_b")).isTrue();
      assertThat(store.jobs().get(a, "j_2").orElseThrow().message()).isEqualTo("bad data");
    }
  }

  @ParameterizedTest
  @FieldSource("DIALECTS")
  void poolsKeepTextsOnceWithTheirEmbeddings_andLabelingMovesOneToTheExamples(String dialect) {
    try (Store store = TestDatabase.of(dialect, dir).open(null)) {
      long a = store.tenants().create("a").id();
      store.tasks().create(task("t1", a), new byte[] {1}, meta("zero-shot"));
      List<java.util.Optional<PoolText>> added = store.pools().add("t1", List.of("one", "two", "one"),
          List.of(new float[] {1, 0}, new float[] {0.5f, -2}, new float[] {1, 0}));
      assertThat(added.get(0)).isPresent();
      assertThat(added.get(1)).isPresent();
      assertThat(added.get(2)).as("a text the pool holds is skipped").isEmpty();
      assertThat(store.pools().add("t1", List.of("two"), List.of(new float[] {0, 0})).get(0)).isEmpty();
      assertThat(store.pools().count("t1")).isEqualTo(2);
      assertThat(store.pools().countAll()).isEqualTo(2);
      PoolStore.Embedded pool = store.pools().embedded("t1");
      assertThat(pool.texts()).extracting(PoolText::text).containsExactly("one", "two");
      assertThat(pool.embeddings()[1]).containsExactly(0.5f, -2f);

      long two = added.get(1).get().id();
      assertThat(store.pools().label("t1", two, List.of("b")).orElseThrow().labels()).containsExactly("b");
      assertThat(store.pools().label("t1", two, List.of("b"))).as("moved, not copied").isEmpty();
      assertThat(store.examples().page("t1", 0, 10)).extracting(e -> e.text()).containsExactly("two");
      assertThat(store.pools().page("t1", 0, 10)).extracting(PoolText::text).containsExactly("one");
      assertThat(store.pools().delete("t1", added.get(0).get().id())).isTrue();
      assertThat(store.pools().count("t1")).isZero();
      store.pools().add("t1", List.of("three"), List.<float[]>of(new float[] {1, 1}));
      assertThat(store.tasks().delete(a, "t1")).isTrue();
      assertThat(store.pools().countAll()).as("a deleted task takes its pool").isZero();
    }
  }
}
