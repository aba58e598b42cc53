package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresServer;
import dev.labeltune.server.store.sqlite.SqliteStore;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.TaskHead;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.testing.HeadFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The whole life of a task on the real model, a real server and a real store (a SQLite file, then a
 * PostgreSQL schema): create, classify zero-shot, add examples, tune, classify better, compare
 * tasks, roll back, move heads, restart.
 */
class ServiceEndToEndTest {
  private static final List<String> LABELS = List.of("x1", "x2", "x3");

  @TempDir
  Path dir;

  @ParameterizedTest
  @FieldSource("dev.labeltune.server.store.TestDatabase#DIALECTS")
  void createClassifyTuneClassifyBetter_thenVersionsHeadsAndRestart(String dialect) throws Exception {
    PostgresLocation store = dialect.equals("postgresql")
        ? new PostgresLocation(PostgresServer.freshSchema(), null) : null;
    String taskId;
    List<JsonNode> tunedPredictions;
    try (ServerFixture s = ServerFixture.start(dir, c -> c.noAuth(true).store(store))) {
      Reply created = s.post("/v1/tasks", null, Map.of("name", "topics", "labels", LABELS,
          "template", "This text is about {}."));
      assertThat(created.status()).isEqualTo(201);
      taskId = created.json().get("id").asText();
      assertThat(created.json().get("active_version").asInt()).isEqualTo(1);

      double zeroShot = macroF1(s, taskId);

      Reply bad = s.post("/v1/tasks/" + taskId + "/examples", null, List.of(
          Map.of("text", "Fine text", "label", "x1"), Map.of("text", "Another", "label", "x9")));
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.errorMessage()).contains("Example 1").contains("'x9'");
      assertThat(s.get("/v1/tasks/" + taskId + "/examples", null).json().get("items")).isEmpty();

      List<Map<String, String>> examples = new ArrayList<>();
      TopicData.TRAIN.forEach((label, texts) -> texts.forEach(t -> examples.add(Map.of("text", t, "label", label))));
      Reply added = s.post("/v1/tasks/" + taskId + "/examples", null, examples);
      assertThat(added.status()).isEqualTo(201);
      assertThat(added.json().get("examples")).hasSize(24);

      Reply tune = s.post("/v1/tasks/" + taskId + "/tune", null, null);
      assertThat(tune.status()).isEqualTo(202);
      JsonNode job = s.awaitJob(tune.json().get("job").asText(), null);
      assertThat(job.get("state").asText()).isEqualTo("succeeded");
      assertThat(job.get("version").asInt()).isEqualTo(2);
      assertThat(job.has("cv_macro_f1")).isTrue();
      assertThat(job.has("zero_shot_macro_f1")).isTrue();
      JsonNode report = job.get("report");
      assertThat(report.get("labels")).hasSize(3);
      assertThat(report.at("/tuned/confusion")).hasSize(3);
      assertThat(report.at("/tuned/per_label/0/f1").isNumber()).isTrue();
      assertThat(report.at("/tuned/macro_f1").asDouble()).isEqualTo(job.get("cv_macro_f1").asDouble(), within(1e-6));
      assertThat(report.at("/zero_shot/macro_f1").asDouble()).isEqualTo(job.get("zero_shot_macro_f1").asDouble(),
          within(1e-6));

      double tuned = macroF1(s, taskId);
      assertThat(tuned).as("tuned vs zero-shot %s", zeroShot).isGreaterThan(zeroShot + 0.1).isGreaterThanOrEqualTo(0.8);

      // One text, several tasks: the same answers as asking each task.
      String other = s.post("/v1/tasks", null, Map.of("name", "news", "labels", List.of("sports", "politics")))
          .json().get("id").asText();
      List<String> texts = List.of("The striker scored twice in the final.", "Bake the bread for an hour.");
      JsonNode both = s.post("/v1/classify", null, Map.of("texts", texts, "tasks", List.of(taskId, other))).json();
      assertThat(both.get("results").get(taskId)).isEqualTo(classify(s, taskId, texts));
      assertThat(both.get("results").get(other)).isEqualTo(classify(s, other, texts));

      // Roll back to zero-shot and forward again.
      JsonNode versions = s.get("/v1/tasks/" + taskId + "/versions", null).json().get("versions");
      assertThat(versions).hasSize(2);
      assertThat(versions.get(1).get("active").asBoolean()).isTrue();
      assertThat(s.post("/v1/tasks/" + taskId + "/versions/1/activate", null, null).json().get("active_version").asInt())
          .isEqualTo(1);
      assertThat(macroF1(s, taskId)).isEqualTo(zeroShot);
      s.post("/v1/tasks/" + taskId + "/versions/2/activate", null, null);
      tunedPredictions = List.of(classify(s, taskId, texts));

      // Heads travel: download, upload as a new version; one made for another encoder is refused.
      Reply head = s.get("/v1/tasks/" + taskId + "/head", null);
      assertThat(head.status()).isEqualTo(200);
      TaskHead parsed = TaskHead.fromBytes(head.body(), "download", HeadLimits.defaults());
      assertThat(parsed.provenance().method()).isEqualTo("lt");
      Reply upload = s.call("PUT", "/v1/tasks/" + taskId + "/head", null, head.body());
      assertThat(upload.status()).isEqualTo(201);
      assertThat(upload.json().get("version").asInt()).isEqualTo(3);
      Path file = dir.resolve("head.json");
      Files.write(file, head.body());
      ObjectNode foreign = HeadFiles.read(file);
      ((ObjectNode) foreign.get("provenance")).put("encoderFingerprint", "sha256:another-model");
      Reply refused = s.call("PUT", "/v1/tasks/" + taskId + "/head", null, HeadFiles.signed(foreign));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("encoder_mismatch");
      Reply corrupt = s.call("PUT", "/v1/tasks/" + taskId + "/head", null, "{\"format\": \"nope\"}");
      assertThat(corrupt.status()).isEqualTo(422);
    }

    try (ServerFixture s = ServerFixture.start(dir, c -> c.noAuth(true).store(store))) {
      JsonNode task = s.get("/v1/tasks/" + taskId, null).json();
      assertThat(task.get("active_version").asInt()).isEqualTo(3);
      assertThat(s.get("/v1/tasks/" + taskId + "/examples?limit=1000", null).json().get("items")).hasSize(24);
      assertThat(s.get("/v1/tasks/" + taskId + "/versions", null).json().get("versions")).hasSize(3);
      assertThat(List.of(classify(s, taskId, List.of("The striker scored twice in the final.",
          "Bake the bread for an hour.")))).isEqualTo(tunedPredictions);
      assertThat(s.get("/v1/tasks", null).json().get("items")).hasSize(2);
      if (s.server.store() instanceof SqliteStore sqlite) {
        assertThat(sqlite.integrityCheck()).isEqualTo("ok");
      }
    }
  }

  private static JsonNode classify(ServerFixture s, String taskId, List<String> texts) {
    Reply r = s.post("/v1/tasks/" + taskId + "/classify", null, Map.of("texts", texts));
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("predictions");
  }

  private static double macroF1(ServerFixture s, String taskId) {
    List<String> texts = new ArrayList<>();
    List<Integer> gold = new ArrayList<>();
    for (int l = 0; l < LABELS.size(); l++) {
      for (String t : TopicData.TEST.get(LABELS.get(l))) {
        texts.add(t);
        gold.add(l);
      }
    }
    JsonNode predictions = classify(s, taskId, texts);
    int[] g = new int[texts.size()];
    int[] p = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      g[i] = gold.get(i);
      p[i] = LABELS.indexOf(predictions.get(i).get("label").asText());
    }
    return ClassificationMetrics.compute(LABELS, g, p).macroF1();
  }
}
