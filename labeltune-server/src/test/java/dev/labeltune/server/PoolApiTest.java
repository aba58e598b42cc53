package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's unlabeled pool on the real model: texts added once (blank and repeated ones refused one by
 * one), suggestions from the zero-shot head, labeling moves a text to the examples, and the pool
 * (embeddings included) survives a restart.
 */
class PoolApiTest {
  @TempDir
  Path dir;

  @Test
  void addSuggestLabelAndRestart() throws Exception {
    String task;
    try (ServerFixture s = ServerFixture.start(dir, true)) {
      task = s.post("/v1/tasks", null, Map.of("name", "topics", "labels", List.of("sports", "cooking"))).json()
          .get("id").asText();
      String t = "/v1/tasks/" + task;
      Reply added = s.post(t + "/pool", null, Map.of("texts", List.of("The striker scored twice in the final.",
          "Simmer the sauce for ten minutes.", " ", "The team celebrated with a barbecue after the match.",
          "Simmer the sauce for ten minutes.", "Knead the dough and let it rise.")));
      assertThat(added.status()).as(String.valueOf(added.json())).isEqualTo(201);
      assertThat(added.json().get("added")).hasSize(4);
      assertThat(added.json().get("refused").toString()).contains("\"index\":2").contains("blank")
          .contains("\"index\":4").contains("repeats");
      Reply again = s.post(t + "/pool", null, Map.of("texts", List.of("Knead the dough and let it rise.")));
      assertThat(again.json().at("/refused/0/reason").asText()).isEqualTo("already in the pool");

      JsonNode suggested = s.get(t + "/suggestions?n=1&strategy=margin", null).json();
      assertThat(suggested.get("strategy").asText()).isEqualTo("margin");
      JsonNode first = suggested.at("/suggestions/0");
      assertThat(first.get("text").asText()).contains("barbecue after the match");
      assertThat(first.get("margin").asDouble()).isBetween(0.0, 1.0);
      assertThat(s.get(t + "/suggestions", null).json().get("suggestions")).as("10 by default, 4 in the pool")
          .hasSize(4);
      assertThat(s.get(t + "/suggestions?strategy=coin", null).status()).isEqualTo(400);

      Reply labeled = s.post(t + "/pool/" + first.get("id").asLong() + "/label", null, Map.of("label", "sports"));
      assertThat(labeled.status()).isEqualTo(201);
      assertThat(labeled.json().get("labels").get(0).asText()).isEqualTo("sports");
      assertThat(s.post(t + "/pool/" + first.get("id").asLong() + "/label", null, Map.of("label", "sports")).status())
          .isEqualTo(404);
      Reply unknown = s.post(t + "/pool/" + added.json().at("/added/0/id").asLong() + "/label", null,
          Map.of("label", "politics"));
      assertThat(unknown.status()).isEqualTo(422);
      assertThat(unknown.errorMessage()).contains("unknown label 'politics'");
      assertThat(s.get(t + "/examples", null).json().get("items")).hasSize(1);
      assertThat(s.get(t + "/pool", null).json().get("items")).hasSize(3);
      assertThat(s.call("DELETE", t + "/pool/" + added.json().at("/added/0/id").asLong(), null, null).status())
          .isEqualTo(204);
      String metrics = new String(s.get("/metrics", null).body(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(metrics).contains("labeltune_pool_texts 2.0");

      List<String> many = new ArrayList<>(Collections.nCopies(10_001, "x"));
      assertThat(s.post(t + "/pool", null, Map.of("texts", many)).status()).isEqualTo(413);
    }
    try (ServerFixture s = ServerFixture.start(dir, true)) {
      assertThat(s.get("/v1/tasks/" + task + "/pool", null).json().get("items")).hasSize(2);
      assertThat(s.get("/v1/tasks/" + task + "/suggestions?strategy=kmeans&n=2", null).json().get("suggestions"))
          .hasSize(2);
    }
  }
}
