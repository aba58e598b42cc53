package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database restarts while two replicas run: during the outage requests that need it answer 503
 * within 5 s (never 500, never a hang) and classification goes on; afterwards everything works again
 * without restarting the replicas, and their head listeners reconnect and resync.
 */
class StoreOutageTest {
  @TempDir
  Path dir;

  @Test
  void aDatabaseRestartIs503DuringAndForgottenAfter() throws Exception {
    try (PostgresServer.Own database = PostgresServer.startOwn()) {
      PostgresLocation store = new PostgresLocation(database.url(), null);
      try (ServerFixture a = ServerFixture.start(dir.resolve("a"), c -> c.noAuth(true).store(store));
          ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.noAuth(true).store(store))) {
        String task = a.post("/v1/tasks", null, Map.of("name", "t", "labels", List.of("sports", "cooking"))).json()
            .get("id").asText();
        awaitStatus(b, task, 200);

        database.stop();
        for (ServerFixture s : List.of(a, b)) {
          long start = System.nanoTime();
          Reply down = s.get("/v1/tasks", null);
          double seconds = (System.nanoTime() - start) / 1e9;
          assertThat(down.status()).as(String.valueOf(down.json())).isEqualTo(503);
          assertThat(down.errorCode()).isEqualTo("store_unavailable");
          assertThat(seconds).as("answered within 5 s").isLessThan(5);
          assertThat(s.post("/v1/tasks", null, Map.of("name", "u", "labels", List.of("a", "b"))).status())
              .isEqualTo(503);
          assertThat(classify(s, task).status()).as("classification reads no database").isEqualTo(200);
        }

        database.start();
        long back = System.nanoTime();
        while (a.get("/v1/tasks", null).status() != 200 || b.get("/v1/tasks", null).status() != 200) {
          assertThat((System.nanoTime() - back) / 1e9).as("the replicas recover by themselves").isLessThan(15);
          Thread.sleep(100);
        }
        // A change made as soon as the database is back reaches the other replica, announced or resynced.
        String after = a.post("/v1/tasks", null, Map.of("name", "after", "labels", List.of("x", "y"))).json()
            .get("id").asText();
        awaitStatus(b, after, 200);
        assertThat(b.call("DELETE", "/v1/tasks/" + task, null, null).status()).isEqualTo(204);
        awaitStatus(a, task, 404);
      }
    }
  }

  /**
   * Keys on, two replicas: while the database is down, a key a replica has seen good keeps classifying
   * there; a key it has not seen, and one revoked through it, get 503; a key revoked through the other
   * replica just before the outage is still taken by a replica that had seen it good (it cannot learn
   * of the revocation without the database). Requests that need the store answer 503 at once once the
   * outage is known, and the replicas use the database again within 2 s of its return.
   */
  @Test
  void withKeysOnKnownKeysKeepClassifyingThroughAnOutage() throws Exception {
    try (PostgresServer.Own database = PostgresServer.startOwn()) {
      PostgresLocation store = new PostgresLocation(database.url(), null);
      try (ServerFixture a = ServerFixture.start(dir.resolve("a"), c -> c.store(store));
          ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.store(store))) {
        String admin = ServerFixture.ADMIN_KEY;
        Reply tenant = a.post("/v1/admin/tenants", admin, Map.of("name", "acme"));
        String good = tenant.json().get("key").asText();
        long tenantId = tenant.json().get("id").asLong();
        String task = a.post("/v1/tasks", good, Map.of("name", "t", "labels", List.of("sports", "cooking"))).json()
            .get("id").asText();
        Reply revokedHere = a.post("/v1/admin/tenants/" + tenantId + "/keys", admin, null);
        Reply revokedThere = a.post("/v1/admin/tenants/" + tenantId + "/keys", admin, null);
        String unseen = a.post("/v1/admin/tenants/" + tenantId + "/keys", admin, null).json().get("key").asText();
        for (Reply k : List.of(revokedHere, revokedThere)) {
          assertThat(classify(a, task, k.json().get("key").asText()).status()).isEqualTo(200);
        }
        assertThat(classify(a, task, good).status()).isEqualTo(200);
        awaitStatus(b, task, 200, good);
        assertThat(a.call("DELETE", "/v1/admin/keys/" + revokedHere.json().get("key_id").asText(), admin, null)
            .status()).isEqualTo(204);
        assertThat(b.call("DELETE", "/v1/admin/keys/" + revokedThere.json().get("key_id").asText(), admin, null)
            .status()).isEqualTo(204);

        database.stop();
        assertThat(a.get("/v1/tasks", good).status()).as("the first request finds the outage").isEqualTo(503);
        int served = 0;
        int asked = 0;
        long slowestStoreRoute = 0;
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) {
          asked++;
          served += classify(a, task, good).status() == 200 ? 1 : 0;
          long t0 = System.nanoTime();
          Reply down = a.get("/v1/tasks", good);
          slowestStoreRoute = Math.max(slowestStoreRoute, System.nanoTime() - t0);
          assertThat(down.status()).isEqualTo(503);
          assertThat(down.errorCode()).isEqualTo("store_unavailable");
        }
        System.out.printf("during the outage: %d of %d classify requests with a known key answered 200; store routes "
            + "answered 503 in at most %.0f ms%n", served, asked, slowestStoreRoute / 1e6);
        assertThat(served).isEqualTo(asked);
        assertThat(slowestStoreRoute / 1e9).as("503 at once, not after the pool's timeout").isLessThan(1.0);
        assertThat(classify(a, task, unseen).status()).as("a key this replica never saw good").isEqualTo(503);
        assertThat(classify(a, task, revokedHere.json().get("key").asText()).status())
            .as("a key revoked through this replica").isEqualTo(503);
        assertThat(classify(a, task, revokedThere.json().get("key").asText()).status())
            .as("revoked on B before the outage; A cannot know until the database is back").isEqualTo(200);
        assertThat(classify(b, task, revokedThere.json().get("key").asText()).status()).isEqualTo(503);

        database.start();
        long back = System.nanoTime();
        while (a.get("/v1/tasks", good).status() != 200 || b.get("/v1/tasks", good).status() != 200) {
          assertThat((System.nanoTime() - back) / 1e9).as("the replicas use the database again by themselves")
              .isLessThan(2.0);
          Thread.sleep(20);
        }
        System.out.printf("both replicas used the database again %.0f ms after it started%n",
            (System.nanoTime() - back) / 1e6);
        assertThat(classify(a, task, revokedThere.json().get("key").asText()).status())
            .as("the revocation holds again as soon as the database answers").isEqualTo(401);
        assertThat(classify(a, task, unseen).status()).isEqualTo(200);
      }
    }
  }

  private static Reply classify(ServerFixture s, String task, String key) {
    return s.post("/v1/tasks/" + task + "/classify", key, Map.of("texts", List.of("A goal in extra time")));
  }

  private static void awaitStatus(ServerFixture s, String task, int status, String key) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (classify(s, task, key).status() != status) {
      assertThat(System.nanoTime()).as("task %s answers %d", task, status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Reply classify(ServerFixture s, String task) {
    return s.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("A goal in extra time")));
  }

  /** Waits up to 5 s (the listener's reconnection and resync included) for the task to answer {@code status}. */
  private static void awaitStatus(ServerFixture s, String task, int status) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    int seen = 0;
    while (System.nanoTime() < deadline) {
      seen = classify(s, task).status();
      if (seen == status) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("Task " + task + " still answers " + seen + ", not " + status);
  }
}
