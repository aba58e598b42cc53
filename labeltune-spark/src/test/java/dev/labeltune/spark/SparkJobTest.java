package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.labeltune.classify.Prediction;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkJobTest {
  @TempDir static Path dir;
  static Path corpus;
  static Path head;

  record Run(int code, String err) {}

  @BeforeAll
  static void files() throws Exception {
    SparkFixtures.spark();
    StringBuilder jsonl = new StringBuilder();
    List<String> texts = SparkFixtures.texts(40);
    for (int i = 0; i < texts.size(); i++) {
      jsonl.append("{\"id\": \"t").append(i).append("\", \"text\": \"").append(texts.get(i)).append("\"}\n");
    }
    jsonl.append("{\"id\": \"empty\", \"text\": \"\"}\n{\"id\": \"missing\"}\n");
    corpus = Files.writeString(dir.resolve("tickets.jsonl"), jsonl);
    head = dir.resolve("tickets.head.json");
    SparkFixtures.head().save(head);
  }

  static Run run(String... args) {
    StringWriter err = new StringWriter();
    int code = SparkJob.execute(new PrintWriter(err, true), args);
    return new Run(code, err.toString());
  }

  @Test
  void classify_jsonlToParquet_keepsColumnsAndMatchesPredict() {
    String out = dir.resolve("classified.parquet").toString();
    Run r = run("classify", "--input", corpus.toString(), "--head", head.toString(), "--output", out);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("classify wrote 42 rows (2 with an error) to " + out);
    List<Row> rows = new ArrayList<>(SparkFixtures.spark().read().parquet(out).orderBy("id").collectAsList());
    assertThat(rows.get(0).schema().fieldNames()).containsExactly("id", "text", "prediction", "probabilities", "error");
    TextClassifier library = SparkFixtures.head().bind(SparkFixtures.encoder());
    int checked = 0;
    for (Row row : rows) {
      String id = row.getString(0);
      if (id.equals("empty") || id.equals("missing")) {
        assertThat(row.getString(4)).isEqualTo(id.equals("empty") ? "text is empty or blank" : "text is null");
        assertThat(row.isNullAt(2)).isTrue();
        continue;
      }
      Prediction expected = library.classify(row.getString(1));
      assertThat(row.getString(2)).isEqualTo(expected.label());
      Map<String, Float> probabilities = row.getJavaMap(3);
      assertThat((double) probabilities.get(expected.label())).isCloseTo(expected.probability(), within(1e-5));
      checked++;
    }
    assertThat(checked).isEqualTo(40);
    // Writing again needs --overwrite.
    Run again = run("classify", "--input", corpus.toString(), "--head", head.toString(), "--output", out);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
  }

  @Test
  void embedAndZeroShot_toJsonLines() {
    String embedded = dir.resolve("embedded.jsonl").toString();
    Run e = run("embed", "--input", corpus.toString(), "--output", embedded);
    assertThat(e.code()).as(e.err()).isZero();
    Row first = SparkFixtures.spark().read().json(embedded).where("id = 't0'").first();
    assertThat(first.<Double>getList(first.fieldIndex("embedding"))).hasSize(384);
    String zeroShot = dir.resolve("zero-shot.parquet").toString();
    Run z = run("classify", "--input", corpus.toString(), "--labels", "billing, shipping", "--output", zeroShot);
    assertThat(z.code()).as(z.err()).isZero();
    assertThat(SparkFixtures.spark().read().parquet(zeroShot).select("prediction").distinct().collectAsList())
        .extracting(row -> row.isNullAt(0) ? null : row.getString(0)).containsOnly("billing", "shipping", null);
  }

  @Test
  void jsonLinesOutputKeepsANullErrorField() throws Exception {
    Path clean = Files.writeString(dir.resolve("clean.jsonl"), "{\"text\": \"My parcel never arrived\"}\n"
        + "{\"text\": \"I was charged twice\"}\n");
    String out = dir.resolve("clean-out.jsonl").toString();
    Run r = run("classify", "--input", clean.toString(), "--head", head.toString(), "--output", out);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("classify wrote 2 rows (0 with an error)");
    try (var parts = Files.list(Path.of(out))) {
      List<String> lines = new ArrayList<>();
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        lines.addAll(Files.readAllLines(p));
      }
      assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"error\":null"));
    }
  }

  @Test
  void distill_writesAHeadThatPredicts() throws Exception {
    Path train = dir.resolve("train.jsonl");
    StringBuilder lines = new StringBuilder();
    SparkFixtures.examples().forEach(x -> lines.append("{\"text\": \"").append(x.text()).append("\", \"label\": \"")
        .append(x.label()).append("\"}\n"));
    Files.writeString(train, lines);
    Path out = dir.resolve("distilled.head.json");
    Run r = run("distill", "--train", train.toString(), "--unlabeled", corpus.toString(), "--pool-size", "30",
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("distilled a 3-label head from 12 examples");
    TaskHead distilled = TaskHead.load(out);
    assertThat(distilled.provenance().method()).isEqualTo("lt-kd");
    assertThat(distilled.bind(SparkFixtures.encoder()).classify("My parcel never arrived").label())
        .isEqualTo("shipping");
  }

  @Test
  void usageAndDataErrorsSayWhatIsWrong() {
    Run both = run("classify", "--input", corpus.toString(), "--head", head.toString(), "--labels", "a,b",
        "--output", dir.resolve("x.parquet").toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("Give either --head or --labels");
    Run format = run("classify", "--input", corpus.toString(), "--head", head.toString(), "--output",
        dir.resolve("out.csv").toString());
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("Cannot tell the format of").contains("name it .parquet or .jsonl");
    Run missing = run("classify", "--input", dir.resolve("nope.jsonl").toString(), "--head", head.toString(),
        "--output", dir.resolve("y.parquet").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.jsonl");
    Run column = run("classify", "--input", corpus.toString(), "--head", head.toString(), "--text-col", "body",
        "--output", dir.resolve("z.parquet").toString());
    assertThat(column.code()).isEqualTo(2);
    assertThat(column.err()).contains("Input column 'body' not found; the columns are [id, text]");
    Run usage = run("classify", "--input", corpus.toString());
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required option").contains("Try 'labeltune spark classify --help'.");
  }
}
