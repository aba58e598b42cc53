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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task whose label texts are too long to embed before answering is created at once, with a job that
 * makes its zero-shot head; two replicas on PostgreSQL, the task made on one and served by both.
 */
class LargeTaskTest {
  @TempDir
  Path dir;

  @Test
  void aTaskOfLongLabelTextsIsAnsweredAtOnceAndAJobMakesItsHead() throws Exception {
    PostgresLocation store = new PostgresLocation(PostgresServer.freshSchema(), null);
    try (ServerFixture a = ServerFixture.start(dir.resolve("a"), c -> c.store(store));
        ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.store(store))) {
      String key = a.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "acme")).json().get("key")
          .asText();
      List<Map<String, String>> labels = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        labels.add(Map.of("name", "label-" + i, "text", ("Tickets about case " + i + " of the many ways a parcel, "
            + "an invoice or an account can go wrong. ").repeat(24)));
      }
      long t0 = System.nanoTime();
      Reply created = a.post("/v1/tasks", key, Map.of("name", "large", "labels", labels));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
      String task = created.json().get("id").asText();
      String job = created.json().get("job").asText();
      System.out.printf("160 labels x 2.4 KB created in %.2f s, head made by job %s%n", seconds, job);
      assertThat(seconds).as("answered before the label texts are embedded").isLessThan(5);
      assertThat(created.json().has("active_version")).isFalse();

      JsonNode done = b.awaitJob(job, key);
      assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
      assertThat(done.get("kind").asText()).isEqualTo("zero-shot");
      assertThat(done.get("version").asInt()).isEqualTo(1);
      for (ServerFixture s : List.of(a, b)) {
        Reply classified = s.post("/v1/tasks/" + task + "/classify", key, Map.of("texts", List.of("case 7")));
        assertThat(classified.status()).as(String.valueOf(classified.json())).isEqualTo(200);
      }
      assertThat(a.get("/v1/tasks/" + task, key).json().get("active_version").asInt()).isEqualTo(1);

      Reply small = a.post("/v1/tasks", key, Map.of("name", "small", "labels", List.of("a", "b")));
      assertThat(small.json().has("job")).as("a small task's head is ready at once").isFalse();
      assertThat(small.json().get("active_version").asInt()).isEqualTo(1);
    }
  }
}
