package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas in separate JVMs on one PostgreSQL database; the one running a tuning job is killed
 * with SIGKILL. The other takes the job over once its lease runs out and finishes it; meanwhile the
 * task keeps serving its previous head, and every write the killed replica acknowledged is there.
 */
class ReplicaCrashTest {
  private static final long LEASE_MILLIS = 1_500;

  @TempDir
  Path dir;

  @Test
  void killedMidJob_theOtherReplicaRetriesItAndNothingAcknowledgedIsLost() throws Exception {
    String url = PostgresServer.freshSchema();
    try (ChildServer killed = ChildServer.start(dir.resolve("a"), url, Long.toString(LEASE_MILLIS))) {
      ApiClient a = new ApiClient(killed.awaitBase());
      String task = CrashTest.slowTask(a.base);
      String job = a.post("/v1/tasks/" + task + "/tune", null, null).json().get("job").asText();
      CrashTest.awaitRunning(a.base, job);

      Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        for (int batch = 0; !stop.get(); batch++) {
          try {
            if (a.post("/v1/tasks/" + task + "/examples", null, List.of(Map.of("text", "acknowledged " + batch,
                "label", "label 0"))).status() == 201) {
              acknowledged.add(batch);
            }
          } catch (RuntimeException e) {
            return;
          }
        }
      });
      writer.start();
      Thread.sleep(200);
      killed.kill();
      stop.set(true);
      writer.join(10_000);
      assertThat(acknowledged).isNotEmpty();

      try (ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.noAuth(true)
          .store(new PostgresLocation(url, null)).jobLease(Duration.ofMillis(LEASE_MILLIS)))) {
        Reply meanwhile = b.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("some text")));
        assertThat(meanwhile.status()).isEqualTo(200);
        assertThat(b.get("/v1/tasks/" + task, null).json().get("active_version").asInt())
            .as("the previous head stays active while the job is retried").isEqualTo(1);

        JsonNode done = b.awaitJob(job, null);
        assertThat(done.get("state").asText()).as("retried on the other replica: " + done).isEqualTo("succeeded");
        assertThat(b.get("/v1/tasks/" + task + "/versions", null).json().get("versions")).as("stored once").hasSize(2);
        long found = 0;
        String after = "0";
        JsonNode page;
        do {
          page = b.get("/v1/tasks/" + task + "/examples?limit=1000&after=" + after, null).json();
          for (JsonNode e : page.get("items")) {
            String text = e.get("text").asText();
            if (text.startsWith("acknowledged ") && acknowledged.contains(Integer.parseInt(text.substring(13)))) {
              found++;
            }
          }
          after = page.path("next").asText();
        } while (page.hasNonNull("next"));
        assertThat(found).as("every acknowledged insert is there").isEqualTo(acknowledged.size());
      }
    }
  }
}
