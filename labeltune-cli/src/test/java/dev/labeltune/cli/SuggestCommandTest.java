package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.cli.LabelTuneCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'suggest' on the real model: the pool's hardest texts first, joinable to the pool, from zero-shot or a head. */
class SuggestCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path pool() throws Exception {
    Path pool = dir.resolve("pool.jsonl");
    Files.writeString(pool, String.join("\n",
        "{\"id\": \"a\", \"text\": \"The striker scored twice in the final.\"}",
        "{\"id\": \"b\", \"text\": \"Simmer the sauce for ten minutes.\"}",
        "{\"id\": \"c\", \"text\": \"The team celebrated with a barbecue after the match.\"}",
        "{\"id\": \"d\", \"text\": \"Knead the dough and let it rise.\"}") + "\n");
    return pool;
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  @Test
  void margin_fromZeroShot_listsTheHardestTextFirstWithItsPoolRowAndFields() throws Exception {
    Run r = LabelTuneCommandTest.run("suggest", "--pool", pool().toString(), "--labels", "sports,cooking",
        "--strategy", "margin", "--n", "2", "-q");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> rows = lines(r.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("id").asText()).isEqualTo("c");
    assertThat(rows.get(0).get("pool_row").asInt()).isEqualTo(3);
    assertThat(rows.get(0).get("margin").asDouble()).isLessThanOrEqualTo(rows.get(1).get("margin").asDouble());
    assertThat(rows.get(0).get("probabilities").size()).isEqualTo(2);
  }

  @Test
  void aHeadFileServesAsWell_andWritesAtomically() throws Exception {
    Path train = dir.resolve("train.jsonl");
    Files.writeString(train, String.join("\n",
        "{\"text\": \"The goalkeeper saved a penalty.\", \"label\": \"sports\"}",
        "{\"text\": \"The match ended in a draw.\", \"label\": \"sports\"}",
        "{\"text\": \"Whisk the eggs with sugar.\", \"label\": \"cooking\"}",
        "{\"text\": \"Roast the vegetables for an hour.\", \"label\": \"cooking\"}") + "\n");
    Path head = dir.resolve("head.json");
    assertThat(LabelTuneCommandTest.run("tune", "--train", train.toString(), "--out", head.toString(), "-q").code())
        .isZero();
    Path out = dir.resolve("next.jsonl");
    Run r = LabelTuneCommandTest.run("suggest", "--pool", pool().toString(), "--head", head.toString(), "--n", "3",
        "--strategy", "kmeans", "-o", out.toString(), "-q");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(lines(Files.readString(out))).hasSize(3).allSatisfy(row -> assertThat(row.has("label")).isTrue());
  }

  @Test
  void anUnknownStrategyOrNoTask_isAUsageError() throws Exception {
    Run bad = LabelTuneCommandTest.run("suggest", "--pool", pool().toString(), "--labels", "a,b", "--strategy", "coin");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("kmeans-margin");
    assertThat(LabelTuneCommandTest.run("suggest", "--pool", pool().toString()).code()).isEqualTo(2);
  }
}
