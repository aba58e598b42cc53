package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.server.store.sqlite.SqliteStore;
import dev.labeltune.server.ApiClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during writes and a running tuning job: after a restart every acknowledged insert is there,
 * no batch is half there, the database is sound, the job is marked failed and the task answers with
 * the head it had before the job.
 */
class CrashTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int LABELS = 60;

  @TempDir
  Path dir;

  @Test
  void killedDuringInsertsAndATuningJob_losesNothingAcknowledged() throws Exception {
    ChildServer server = ChildServer.start(dir);
    Process child = server.process;
    String base;
    try {
      base = server.awaitBase();
      String task = slowTask(base);

      Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        for (int batch = 0; !stop.get(); batch++) {
          List<Map<String, String>> rows = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            rows.add(Map.of("text", "crash batch " + batch + " row " + i, "label", "label " + (i % LABELS)));
          }
          try {
            if (postStatus(base, "/v1/tasks/" + task + "/examples", rows) == 201) {
              acknowledged.add(batch);
            }
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      });
      writer.start();
      String job = post(base, "/v1/tasks/" + task + "/tune", null).get("job").asText();
      awaitRunning(base, job);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      writer.join(10_000);
      assertThat(acknowledged).isNotEmpty();

      try (ServerFixture s = ServerFixture.start(dir, true)) {
        assertThat(((SqliteStore) s.server.store()).integrityCheck()).isEqualTo("ok");
        Map<Integer, Integer> rowsPerBatch = new HashMap<>();
        long after = 0;
        JsonNode page;
        do {
          page = s.get("/v1/tasks/" + task + "/examples?limit=1000&after=" + after, null).json();
          for (JsonNode e : page.get("items")) {
            String text = e.get("text").asText();
            if (text.startsWith("crash batch ")) {
              rowsPerBatch.merge(Integer.parseInt(text.split(" ")[2]), 1, Integer::sum);
            }
            after = e.get("id").asLong();
          }
        } while (page.get("items").size() == 1000);
        for (int batch : acknowledged) {
          assertThat(rowsPerBatch.get(batch)).as("acknowledged batch %s", batch).isEqualTo(5);
        }
        rowsPerBatch.forEach((batch, rows) -> assertThat(rows).as("batch %s is whole", batch).isEqualTo(5));

        JsonNode killedJob = s.get("/v1/jobs/" + job, null).json();
        assertThat(killedJob.get("state").asText()).isEqualTo("failed");
        assertThat(killedJob.get("message").asText()).contains("stopped");
        assertThat(s.get("/v1/tasks/" + task, null).json().get("active_version").asInt()).isEqualTo(1);
        Reply classified = s.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("subject number 3")));
        assertThat(classified.status()).isEqualTo(200);
      }
    } finally {
      child.destroyForcibly();
    }
  }

  /** Creates a task whose tuning takes long enough to be caught running; returns its id. */
  static String slowTask(String base) throws Exception {
    List<String> labels = new ArrayList<>();
    for (int l = 0; l < LABELS; l++) {
      labels.add("label " + l);
    }
    String task = post(base, "/v1/tasks", Map.of("name", "crash", "labels", labels)).get("id").asText();
    List<Map<String, String>> examples = new ArrayList<>();
    for (int l = 0; l < LABELS; l++) {
      for (int i = 0; i < 10; i++) {
        examples.add(Map.of("text", "training text " + i + " on subject number " + l + " of many", "label", "label " + l));
      }
    }
    post(base, "/v1/tasks/" + task + "/examples", examples);
    return task;
  }

  @Test
  void sigterm_finishesTheRequestInFlightAndMarksTheRunningJobInterrupted() throws Exception {
    ChildServer server = ChildServer.start(dir);
    Process child = server.process;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      String base = server.awaitBase();
      String task = slowTask(base);
      String job = post(base, "/v1/tasks/" + task + "/tune", null).get("job").asText();
      awaitRunning(base, job);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        texts.add("Request in flight number " + i + ": the parcel was delayed again and nobody answered my emails "
            + "about the refund, so I am asking once more whether anyone reads these messages at all.");
      }
      java.util.concurrent.Future<Integer> inFlight = pool.submit(() -> postStatus(base, "/v1/tasks/" + task
          + "/classify", Map.of("texts", texts)));
      Thread.sleep(300);
      child.destroy();
      int status;
      try {
        status = inFlight.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        child.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("The request in flight got no answer; the child server's log:\n"
            + server.log(), e);
      }
      assertThat(status).isEqualTo(200);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      try (ServerFixture s = ServerFixture.start(dir, true)) {
        JsonNode stopped = s.get("/v1/jobs/" + job, null).json();
        assertThat(stopped.get("state").asText()).isEqualTo("interrupted");
        assertThat(s.get("/v1/tasks/" + task, null).json().get("active_version").asInt()).isEqualTo(1);
        assertThat(((SqliteStore) s.server.store()).integrityCheck()).isEqualTo("ok");
      }
    } finally {
      pool.shutdownNow();
      child.destroyForcibly();
    }
  }

  static void awaitRunning(String base, String job) throws Exception {
    for (int i = 0; i < 3000; i++) {
      String state = get(base, "/v1/jobs/" + job).get("state").asText();
      if (state.equals("running")) {
        Thread.sleep(50);
        return;
      }
      assertThat(state).as("the job must still be running when the server is killed").isEqualTo("queued");
      Thread.sleep(5);
    }
    throw new AssertionError("The job never ran");
  }

  private static JsonNode get(String base, String path) throws Exception {
    HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return ServerFixture.JSON.readTree(r.body());
  }

  private static JsonNode post(String base, String path, Object body) throws Exception {
    HttpResponse<byte[]> r = send(base, path, body);
    assertThat(r.statusCode()).as(new String(r.body())).isBetween(200, 299);
    return ServerFixture.JSON.readTree(r.body());
  }

  private static int postStatus(String base, String path, Object body) throws IOException, InterruptedException {
    return send(base, path, body).statusCode();
  }

  private static HttpResponse<byte[]> send(String base, String path, Object body) throws IOException, InterruptedException {
    byte[] bytes = body == null ? new byte[0] : ServerFixture.JSON.writeValueAsBytes(body);
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
