package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document against the real routes, and the Prometheus metrics after real traffic. */
class OpenApiAndMetricsTest {
  @TempDir
  static Path dir;
  private static ServerFixture s;

  @BeforeAll
  static void start() throws Exception {
    s = ServerFixture.start(dir, false);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void everyDocumentedRouteExistsAndAnswersOnlyDocumentedStatuses() {
    JsonNode doc = s.get("/openapi.json", null).json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.at("/components/schemas/ErrorDetail/required").toString()).contains("code", "message");
    // The job's report is typed, not an unknown object.
    assertThat(doc.at("/components/schemas/JobResponse/properties/report/$ref").asText())
        .isEqualTo("#/components/schemas/TuningReport");
    assertThat(doc.at("/components/schemas/Metrics/properties/per_label/items/$ref").asText())
        .isEqualTo("#/components/schemas/LabelScores");
    String key = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "doc")).json().get("key").asText();
    int operations = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
        String method = op.getKey().toUpperCase();
        Object body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
        if (!op.getValue().get("security").isEmpty()) {
          assertThat(s.call(method, concrete, null, body).status()).as("%s %s without a key", method, concrete)
              .isEqualTo(401);
        }
        Reply r = s.call(method, concrete, path.getKey().startsWith("/v1/admin/") ? ServerFixture.ADMIN_KEY : key, body);
        assertThat(r.errorMessage() == null ? "" : r.errorMessage()).as("%s %s", method, concrete)
            .doesNotStartWith("No route");
        assertThat(op.getValue().get("responses").has(Integer.toString(r.status())))
            .as("%s %s answered %s, documented %s", method, path.getKey(), r.status(),
                op.getValue().get("responses").fieldNames())
            .isTrue();
        operations++;
      }
    }
    assertThat(operations).isEqualTo(26);
    // Every schema reference resolves.
    java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"#/components/schemas/(\\w+)\"")
        .matcher(doc.toString());
    int count = 0;
    while (refs.find()) {
      assertThat(doc.at("/components/schemas/" + refs.group(1)).isObject()).as(refs.group(1)).isTrue();
      count++;
    }
    assertThat(count).isGreaterThan(20);
    assertThat(doc.at("/paths/~1v1~1tasks/post/requestBody/content/application~1json/schema/$ref").asText())
        .endsWith("CreateTaskRequest");
    assertThat(s.get("/v1/not-a-route", key).errorMessage()).startsWith("No route");
  }

  @Test
  void metricsShowRequestLatencyQueueBatchesAndCache() {
    String key = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "m")).json().get("key").asText();
    String task = s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of("a", "b"))).json().get("id").asText();
    for (int i = 0; i < 3; i++) {
      assertThat(s.post("/v1/tasks/" + task + "/classify", key, Map.of("texts", List.of("same text", "other " + i)))
          .status()).isEqualTo(200);
    }
    String metrics = new String(s.get("/metrics", null).body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(metrics)
        .contains("labeltune_request_seconds_bucket{method=\"POST\",route=\"/v1/tasks/{id}/classify\",status=\"200\"")
        .contains("labeltune_queue_texts ")
        .contains("labeltune_batch_texts_count")
        .contains("labeltune_batch_tokens_count")
        .contains("labeltune_encoder_seconds_total")
        .contains("labeltune_cache_hit_ratio ");
    assertThat(metrics).doesNotContain("labeltune_cache_hit_ratio 0.0\n");
  }
}
