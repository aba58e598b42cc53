package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the service on one PostgreSQL database, A in a JVM of its own and B in the test's,
 * each with its own encoder and heads in memory: what one does, the other serves within a second,
 * through the head changes it hears.
 */
class ReplicasTest {
  private static final List<String> TEXTS = List.of("The striker scored twice in the final.",
      "Bake the bread for an hour.", "Parliament passed the budget after a long debate.");

  @TempDir
  Path dir;

  @Test
  void whatOneReplicaDoesTheOtherServesWithinASecond() throws Exception {
    String url = PostgresServer.freshSchema();
    try (ChildServer child = ChildServer.start(dir.resolve("a"), url, "30000", ServerFixture.ADMIN_KEY);
        ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.store(new PostgresLocation(url, null)))) {
      ApiClient a = new ApiClient(child.awaitBase());
      String key = a.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "acme")).json().get("key")
          .asText();
      String task = a.post("/v1/tasks", key, Map.of("name", "topics", "labels", List.of("x1", "x2", "x3"),
          "template", "This text is about {}.")).json().get("id").asText();
      long created = System.nanoTime();
      JsonNode zeroShot = awaitSame(b, a, task, key);
      System.out.printf("task made on A served by B after %.0f ms%n", (System.nanoTime() - created) / 1e6);

      List<Map<String, String>> examples = new ArrayList<>();
      TopicData.TRAIN.forEach((label, texts) -> texts.forEach(t -> examples.add(Map.of("text", t, "label", label))));
      assertThat(b.post("/v1/tasks/" + task + "/examples", key, examples).status()).isEqualTo(201);
      String job = a.post("/v1/tasks/" + task + "/tune", key, null).json().get("job").asText();
      JsonNode done = b.awaitJob(job, key);
      long finished = System.nanoTime();
      assertThat(done.get("state").asText()).as("job progress read on B").isEqualTo("succeeded");
      JsonNode tuned = awaitSame(b, a, task, key);
      double propagation = (System.nanoTime() - finished) / 1e6;
      System.out.printf("head tuned on A served by B %.0f ms after B saw the job finish%n", propagation);
      assertThat(tuned).isNotEqualTo(zeroShot);
      assertThat(propagation).isLessThan(1000);

      assertThat(b.post("/v1/tasks/" + task + "/versions/1/activate", key, null).status()).isEqualTo(200);
      assertThat(awaitSame(a, b, task, key)).as("rolled back on B, served by A").isEqualTo(zeroShot);

      Reply made = a.post("/v1/admin/tenants/" + a.get("/v1/admin/tenants", ServerFixture.ADMIN_KEY).json()
          .at("/tenants/0/id").asLong() + "/keys", ServerFixture.ADMIN_KEY, null);
      String second = made.json().get("key").asText();
      assertThat(b.get("/v1/tasks", second).status()).isEqualTo(200);
      assertThat(a.call("DELETE", "/v1/admin/keys/" + made.json().get("key_id").asText(), ServerFixture.ADMIN_KEY, null)
          .status()).isEqualTo(204);
      assertThat(b.get("/v1/tasks", second).status()).as("key revoked on A, refused on B").isEqualTo(401);

      assertThat(b.call("DELETE", "/v1/tasks/" + task, key, null).status()).isEqualTo(204);
      await(() -> a.post("/v1/tasks/" + task + "/classify", key, Map.of("texts", TEXTS)).status() == 404,
          "the task deleted on B is gone from A");

      // Any replica answers any request: a task made on A is classified by B at once. B stops hearing news for
      // this (its sync closed: no notifications, no sweeps), so what it serves comes from the store on a miss.
      b.server.services().sync().close();
      int misses = 0;
      for (int i = 0; i < 100; i++) {
        String fresh = a.post("/v1/tasks", key, Map.of("name", "at-once-" + i, "labels", List.of("x", "y"))).json()
            .get("id").asText();
        Reply classified = b.post("/v1/tasks/" + fresh + "/classify", key, Map.of("texts", TEXTS));
        misses += classified.status() == 200 ? 0 : 1;
        assertThat(classified.status()).as("task %d made on A, classified on B at once: %s", i, classified.json())
            .isIn(200);
      }
      assertThat(misses).isZero();
    }
  }

  @Test
  void twentyJobsSubmittedAcrossBothRunExactlyOnceEach() throws Exception {
    String url = PostgresServer.freshSchema();
    try (ChildServer child = ChildServer.start(dir.resolve("a"), url, "30000", ServerFixture.ADMIN_KEY);
        ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.store(new PostgresLocation(url, null)))) {
      ApiClient a = new ApiClient(child.awaitBase());
      String key = a.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "acme")).json().get("key")
          .asText();
      List<Map<String, String>> examples = new ArrayList<>();
      TopicData.TRAIN.forEach((label, texts) -> texts.stream().limit(3)
          .forEach(t -> examples.add(Map.of("text", t, "label", label))));
      List<String> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String task = a.post("/v1/tasks", key, Map.of("name", "t" + t, "labels", List.of("x1", "x2", "x3"))).json()
            .get("id").asText();
        assertThat(b.post("/v1/tasks/" + task + "/examples", key, examples).status()).isEqualTo(201);
        tasks.add(task);
      }
      List<String> jobs = new ArrayList<>();
      for (int j = 0; j < 20; j++) {
        ApiClient to = j % 2 == 0 ? a : b;
        jobs.add(to.post("/v1/tasks/" + tasks.get(j % 4) + "/tune", key, null).json().get("job").asText());
      }
      java.util.Set<String> versions = new java.util.HashSet<>();
      for (String job : jobs) {
        JsonNode done = (jobs.indexOf(job) % 2 == 0 ? b : a).awaitJob(job, key);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(versions.add(done.get("task_id").asText() + " v" + done.get("version").asInt()))
            .as("each job made its own version").isTrue();
      }
      for (String task : tasks) {
        assertThat(a.get("/v1/tasks/" + task + "/versions", key).json().get("versions"))
            .as("zero-shot and one version per job, no job ran twice").hasSize(1 + 5);
      }
    }
  }

  /** Waits (up to 1 s) until {@code follower} answers for the task what {@code leader} answers, and returns it. */
  private static JsonNode awaitSame(ApiClient follower, ApiClient leader, String task, String key)
      throws InterruptedException {
    JsonNode expected = predictions(leader, task, key);
    long deadline = System.nanoTime() + 1_000_000_000L;
    JsonNode seen = null;
    while (System.nanoTime() < deadline) {
      seen = predictions(follower, task, key);
      if (expected.equals(seen)) {
        return seen;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("Within 1 s the other replica answered " + seen + ", not " + expected);
  }

  private static JsonNode predictions(ApiClient s, String task, String key) {
    Reply r = s.post("/v1/tasks/" + task + "/classify", key, Map.of("texts", TEXTS));
    return r.status() == 200 ? r.json().get("predictions") : r.json();
  }

  private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("Not within 1 s: " + what);
  }
}
