package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.http.ApiServer;
import dev.labeltune.server.service.ApiKeys;
import dev.labeltune.server.service.TenantService;
import dev.labeltune.server.store.sqlite.SqliteStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error status the API documents, each in the one JSON shape, with a message naming the problem. */
class ErrorStatusTest {
  @TempDir
  static Path dir;
  private static ServerFixture s;
  private static String task;

  @BeforeAll
  static void start() throws Exception {
    s = ServerFixture.start(dir.resolve("main"), c -> c.noAuth(true).queueTexts(4).maxTextsPerRequest(2));
    task = s.post("/v1/tasks", null, Map.of("name", "t", "labels", List.of("sports", "politics"))).json().get("id").asText();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void assertError(Reply r, int status, String code, String inMessage) {
    assertThat(r.status()).as(r.json() == null ? "" : r.json().toString()).isEqualTo(status);
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.errorMessage()).contains(inMessage).doesNotContain("at dev.labeltune", "Exception");
  }

  @Test
  void badRequests400() {
    assertError(s.post("/v1/tasks", null, "{\"name\": "), 400, "bad_request", "Malformed JSON at line 1");
    assertError(s.post("/v1/tasks", null, Map.of("name", 5, "labels", List.of("a", "b"))), 400, "bad_request", "'name'");
    assertError(s.post("/v1/tasks", null, Map.of("name", "n")), 400, "bad_request", "'labels'");
    assertError(s.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("a"), "top_k", -1)), 400,
        "bad_request", "'top_k'");
    assertError(s.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", "not a list")), 400, "bad_request",
        "'texts'");
    assertError(s.get("/v1/tasks?limit=abc", null), 400, "bad_request", "'limit'");
  }

  @Test
  void notFound404() {
    assertError(s.get("/v1/tasks/t_nope", null), 404, "not_found", "t_nope");
    assertError(s.get("/v1/jobs/j_nope", null), 404, "not_found", "j_nope");
    assertError(s.get("/v1/nothing-here", null), 404, "not_found", "No route");
    assertError(s.post("/v1/tasks/" + task + "/versions/99/activate", null, null), 404, "not_found", "99");
  }

  @Test
  void tooLarge413() {
    List<String> many = Collections.nCopies(3, "text");
    assertError(s.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", many)), 413, "too_large", "limit is 2");
    String huge = "{\"texts\": [\"" + "a".repeat(5 << 20) + "\"]}";
    Reply r = s.post("/v1/tasks/" + task + "/classify", null, huge);
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void unprocessable422() {
    assertError(s.post("/v1/tasks", null, Map.of("name", "n", "labels", List.of("a"))), 422, "unprocessable", "'labels'");
    assertError(s.post("/v1/tasks", null, Map.of("name", "n", "labels", List.of("a", "a"))), 422, "unprocessable",
        "Duplicate label");
    assertError(s.post("/v1/tasks", null, Map.of("name", "n", "labels", List.of("a", "b\u001b[31m"))), 422,
        "unprocessable", "control character");
    assertError(s.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("\u200B"))), 422,
        "unprocessable", "'texts'[0] is blank");
    assertError(s.post("/v1/tasks/" + task + "/tune", null, null), 422, "unprocessable", "at least 2 examples");
    assertError(s.post("/v1/tasks/" + task + "/examples", null, List.of(Map.of("text", "a", "label", "nope"))), 422,
        "unprocessable", "unknown label 'nope'");
  }

  @Test
  void queueFull429WithRetryAfter() throws Exception {
    String longText = "The referee stopped the match after the storm flooded the pitch and the crowd left. ".repeat(12);
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 96; i++) {
        String text = i + " " + longText;
        replies.add(pool.submit(() -> s.post("/v1/tasks/" + task + "/classify", null,
            Map.of("texts", List.of(text, text + " again")))));
      }
      int ok = 0;
      int refused = 0;
      for (Future<Reply> f : replies) {
        Reply r = f.get();
        if (r.status() == 429) {
          refused++;
          assertThat(r.raw().headers().firstValue("Retry-After")).contains("1");
          assertThat(r.errorCode()).isEqualTo("overloaded");
        } else {
          assertThat(r.status()).isEqualTo(200);
          ok++;
        }
      }
      assertThat(refused).isPositive();
      assertThat(ok).isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unavailable503UntilTheModelIsLoaded() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir.resolve("loading.db"))) {
      ApiServer api = new ApiServer(new ApiServer.Settings(true, 256, 4L << 20, 64, 1024), new TenantService(store.tenants()), ApiKeys.hashAdmin("admin"), null);
      Javalin http = api.create().start("127.0.0.1", 0);
      try {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> tasks = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http.port() + "/v1/tasks")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tasks.statusCode()).isEqualTo(503);
        assertThat(tasks.body()).contains("\"code\":\"unavailable\"").contains("loading");
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"ready\":false");
      } finally {
        http.stop();
      }
    }
  }
}
