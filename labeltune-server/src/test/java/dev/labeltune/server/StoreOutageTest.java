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
