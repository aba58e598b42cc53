package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.cli.LabelTuneCommandTest.Run;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer runs into: each error says what is wrong, where, in one line, with the right exit code. */
class NewcomerErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static Run withStdin(byte[] input, String... args) {
    InputStream old = System.in;
    System.setIn(new ByteArrayInputStream(input));
    try {
      return LabelTuneCommandTest.run(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void nonUtf8Input_namesFileLineAndEncodingOnStdinAndInFiles() throws Exception {
    byte[] bad = "{\"text\": \"fine\"}\n{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    Run piped = withStdin(bad, "zero-shot", "--labels", "a,b");
    assertThat(piped.code()).isEqualTo(1);
    assertThat(piped.err()).contains("<stdin> line 2: is not valid UTF-8");
    Path file = dir.resolve("texts.jsonl");
    Files.write(file, bad);
    Run fromFile = LabelTuneCommandTest.run("zero-shot", "--labels", "a,b", "--input", file.toString());
    assertThat(fromFile.code()).isEqualTo(1);
    assertThat(fromFile.err()).contains(file + " line 2: is not valid UTF-8").doesNotContain("Input length");
    Path csv = dir.resolve("train.csv");
    Files.write(csv, "text,label\nok,a\nb\u00e9d,b\n".getBytes(StandardCharsets.ISO_8859_1));
    Run tune = LabelTuneCommandTest.run("tune", "--train", csv.toString(), "--out", dir.resolve("h.json").toString());
    assertThat(tune.code()).isEqualTo(1);
    assertThat(tune.err()).contains(csv + " line 3: is not valid UTF-8");
  }

  @Test
  void labelsAreTrimmedAroundCommas() throws Exception {
    Run r = withStdin("{\"text\": \"My parcel never arrived\"}\n".getBytes(StandardCharsets.UTF_8),
        "zero-shot", "--labels", "billing, shipping ,refund");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("probabilities").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("billing", "shipping", "refund");
  }

  @Test
  void emptyInput_isAnErrorNotSilence() {
    Run r = withStdin(new byte[0], "zero-shot", "--labels", "a,b");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("<stdin>: holds no texts to classify");
  }

  @Test
  void usageErrors_areOneLinePlusWhereHelpIs() {
    Run r = LabelTuneCommandTest.run("tune", "--train", "x.jsonl", "--shots", "0", "--out", "h.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly(
        "labeltune: Invalid value '0' for option '--shots': must be at least 1", "Try 'labeltune tune --help'.");
    Run unknown = LabelTuneCommandTest.run("zero-shot", "--lables", "a,b");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err().lines().count()).isLessThanOrEqualTo(3);
  }

  @Test
  void output_parentMustBeAnExistingDirectory_andWhatWasWrittenIsSaid() throws Exception {
    byte[] one = "{\"text\": \"My parcel never arrived\"}\n".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("texts.csv");
    Files.writeString(file, "text\nhello\n");
    Run underFile = withStdin(one, "zero-shot", "--labels", "a,b", "--output", file.resolve("out.jsonl").toString());
    assertThat(underFile.code()).isEqualTo(1);
    assertThat(underFile.err()).contains("Cannot write " + file.resolve("out.jsonl")).contains("is not a directory");
    Run missing = withStdin(one, "zero-shot", "--labels", "a,b", "--output", dir.resolve("no/such/out.jsonl").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("does not exist");
    assertThat(Files.exists(dir.resolve("no"))).isFalse();
    Run ok = withStdin(one, "zero-shot", "--labels", "a,b", "--output", dir.resolve("out.jsonl").toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.err()).contains("wrote 1 prediction to " + dir.resolve("out.jsonl"));
  }

  @Test
  void trainingData_wrongLabelColumnOrNoExamplesIsADataError() throws Exception {
    Path csv = dir.resolve("train.csv");
    Files.writeString(csv, "text,category\nhello,a\n");
    Run wrongColumn = LabelTuneCommandTest.run("tune", "--train", csv.toString(), "--out", dir.resolve("h.json").toString());
    assertThat(wrongColumn.code()).isEqualTo(1);
    assertThat(wrongColumn.err()).contains("no column 'label' in header [text, category]");
    Path jsonl = dir.resolve("train.jsonl");
    Files.writeString(jsonl, "{\"text\": \"hello\", \"category\": \"a\"}\n");
    Run noLabel = LabelTuneCommandTest.run("tune", "--train", jsonl.toString(), "--out", dir.resolve("h.json").toString());
    assertThat(noLabel.code()).isEqualTo(1);
    assertThat(noLabel.err()).contains("line 1: has no label").contains("[text, category]");
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "");
    Run none = LabelTuneCommandTest.run("tune", "--train", empty.toString(), "--out", dir.resolve("h.json").toString());
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains(empty + ": holds no examples");
  }

  @Test
  void finetune_refusesToReplaceADirectoryWithoutForce() throws Exception {
    Path existing = Files.createDirectories(dir.resolve("model"));
    Path train = dir.resolve("t.jsonl");
    Files.writeString(train, "{\"text\": \"a\", \"label\": \"x\"}\n");
    Run r = LabelTuneCommandTest.run("finetune", "--train", train.toString(), "--out", existing.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("it exists; pass --force to replace it");
  }

  @Test
  void progress_pipedRunsPrintLinesOnStandardError_quietSilencesThem() throws Exception {
    Path texts = dir.resolve("texts.jsonl");
    Files.writeString(texts, "{\"text\": \"My parcel never arrived\"}\n{\"text\": \"I was charged twice\"}\n");
    String progress = stderrOf(() -> {
      Run loud = LabelTuneCommandTest.run("zero-shot", "--labels", "a,b", "--input", texts.toString());
      assertThat(loud.code()).as(loud.err()).isZero();
    });
    assertThat(progress).contains("labeltune: classify started 0/2 (0%)").contains("labeltune: classify done 2/2 (100%)");
    String quiet = stderrOf(() -> {
      Run r = LabelTuneCommandTest.run("zero-shot", "--labels", "a,b", "--input", texts.toString(), "--quiet");
      assertThat(r.code()).isZero();
    });
    assertThat(quiet).doesNotContain("labeltune: classify");
  }

  /** Runs the action with the process's standard error (where progress goes) captured; returns it. */
  private static String stderrOf(Runnable action) {
    java.io.PrintStream old = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eval_embeddingIsItsOwnPhase_throughputFieldsSayWhatTheyMeasure() throws Exception {
    Files.writeString(dir.resolve("train.jsonl"), """
        {"text": "The team won the championship game.", "label": "sports"}
        {"text": "Shares dropped after the earnings report.", "label": "business"}
        """);
    Files.writeString(dir.resolve("test.jsonl"), """
        {"text": "The goalkeeper saved a penalty.", "label": "sports"}
        {"text": "The company reported record profits.", "label": "business"}
        {"text": "The striker scored twice.", "label": "sports"}
        """);
    Run[] run = new Run[1];
    String progress = stderrOf(() -> run[0] = LabelTuneCommandTest.run("eval", "--data", dir.toString(), "--method",
        "zero-shot,lt", "--shots", "1", "--seeds", "2", "--json"));
    Run r = run[0];
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(progress).contains("labeltune: embedding the test split of " + dir.getFileName() + " done 3/3");
    // Prediction progress counts seeds x test texts and no longer claims to embed.
    assertThat(progress).contains("labeltune: lt " + dir.getFileName() + " done 6/6").doesNotContain("and embedding");
    List<String> lines = r.out().lines().filter(l -> l.startsWith("{")).toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      var report = JSON.readTree(line);
      assertThat(report.get("encode_per_second").asDouble()).isPositive();
      assertThat(report.get("predict_per_second").asDouble()).isPositive();
    }
    assertThat(r.out()).contains("test embeddings precomputed at");
  }

  @Test
  void output_keepsTheInputsOtherFieldsSoResultsJoinBack() throws Exception {
    Path csv = dir.resolve("tickets.csv");
    Files.writeString(csv, "id,body,queue\n17,My parcel never arrived,shipping\n18,I was charged twice,billing\n");
    Run r = LabelTuneCommandTest.run("zero-shot", "--labels", "billing,shipping", "--input", csv.toString(),
        "--text-field", "body");
    assertThat(r.code()).as(r.err()).isZero();
    var first = JSON.readTree(r.out().lines().findFirst().orElseThrow());
    assertThat(first.get("id").asText()).isEqualTo("17");
    assertThat(first.get("queue").asText()).isEqualTo("shipping");
    assertThat(first.get("text").asText()).isEqualTo("My parcel never arrived");
    Run only = LabelTuneCommandTest.run("zero-shot", "--labels", "billing,shipping", "--input", csv.toString(),
        "--text-field", "body", "--keep-fields", "id");
    var kept = JSON.readTree(only.out().lines().findFirst().orElseThrow());
    assertThat(kept.has("id")).isTrue();
    assertThat(kept.has("queue")).isFalse();
    Path jsonl = dir.resolve("gold.jsonl");
    Files.writeString(jsonl, "{\"text\": \"My parcel never arrived\", \"label\": \"shipping\", \"n\": 3}\n");
    Run gold = LabelTuneCommandTest.run("zero-shot", "--labels", "billing,shipping", "--input", jsonl.toString());
    var line = JSON.readTree(gold.out());
    assertThat(line.get("n").asInt()).isEqualTo(3);
    assertThat(line.has("input_label")).isFalse();
  }

  @Test
  void tune_jsonSummaryOnStandardOutputHumanLinesOnStandardError() throws Exception {
    Path train = dir.resolve("train.jsonl");
    StringBuilder lines = new StringBuilder();
    for (String t : new String[] {"I was charged twice", "The invoice is wrong", "Extra fee on my card", "Billing error"}) {
      lines.append("{\"text\": \"").append(t).append("\", \"label\": \"billing\"}\n");
    }
    for (String t : new String[] {"Parcel never arrived", "Where is my package", "Tracking is stuck", "Late delivery"}) {
      lines.append("{\"text\": \"").append(t).append("\", \"label\": \"shipping\"}\n");
    }
    Files.writeString(train, lines);
    Path head = dir.resolve("h.json");
    Run r = LabelTuneCommandTest.run("tune", "--train", train.toString(), "--out", head.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(1);
    var summary = JSON.readTree(r.out());
    assertThat(summary.get("labels")).hasSize(2);
    assertThat(summary.get("examples").asInt()).isEqualTo(8);
    assertThat(summary.get("out").asText()).isEqualTo(head.toString());
    assertThat(summary.has("cv_macro_f1")).isTrue();
    assertThat(r.err()).contains("Trained lt head").contains("wrote " + head);
  }
}
