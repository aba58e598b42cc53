package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process on the real all-minilm-l6-v2 model. */
class LabelTuneCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LabelTuneCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void models_listsBuiltinsAsAvailable() {
    Run r = run("models");
    assertThat(r.code()).isZero();
    for (String name : List.of("all-minilm-l6-v2", "all-minilm-l6-v2-q", "bge-small-en-v1.5", "e5-small-v2",
        "bge-small-zh-v1.5")) {
      assertThat(r.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(name) + " +yes");
    }
  }

  @Test
  void help_worksOnEverySubcommand() {
    for (String command : List.of("zero-shot", "tune", "distill", "finetune", "setfit", "ytune", "predict", "eval", "demo",
        "models")) {
      Run r = run(command, "--help");
      assertThat(r.code()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Usage: labeltune " + command);
    }
  }

  @Test
  void help_listsEveryCommand() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    for (String command : List.of("models", "zero-shot", "tune", "distill", "finetune", "setfit", "ytune", "predict",
        "suggest", "eval", "demo", "serve", "store", "spark", "cache", "bench")) {
      assertThat(r.out()).as(command).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(command) + " ");
    }
    Run spark = run("spark", "classify");
    assertThat(spark.code()).isEqualTo(1);
    assertThat(spark.err()).contains("./labeltune spark --help").contains("spark-submit");
  }

  @Test
  void cache_listsAndClearsTheCacheDirectory(@TempDir Path dir) throws IOException {
    String previous = System.getProperty("labeltune.cache.dir");
    System.setProperty("labeltune.cache.dir", dir.toString());
    try {
      Files.createDirectories(dir.resolve("some-model-0badc0de-3"));
      Files.write(dir.resolve("some-model-0badc0de-3/model.onnx"), new byte[2_500_000]);
      Run ls = run("cache", "ls");
      assertThat(ls.code()).isZero();
      assertThat(ls.out()).contains(dir.toString()).containsPattern("some-model-0badc0de-3 +2\\.5 MB")
          .contains("1 entry, 2.5 MB");
      Run clear = run("cache", "clear");
      assertThat(clear.out()).contains("Freed 2.5 MB");
      assertThat(run("cache", "ls").out()).contains("0 entries, 0.0 MB");
    } finally {
      if (previous == null) {
        System.clearProperty("labeltune.cache.dir");
      } else {
        System.setProperty("labeltune.cache.dir", previous);
      }
    }
  }

  @Test
  void tune_plainTextIsRefusedBeforeTuningNamingTheFileAndLine(@TempDir Path dir) throws IOException {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "\nmy parcel never arrived\nrefund please\n");
    Run r = run("tune", "--train", notes.toString(), "--out", dir.resolve("h.json").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(notes + " line 2: plain text has no labels").contains("--label-field")
        .contains("\"label\": \"shipping\"").doesNotContain("label tuning started");
    assertThat(dir.resolve("h.json")).doesNotExist();
  }

  @Test
  void predict_aFileThatIsNotAHeadSaysSoAndWhereHeadsComeFrom(@TempDir Path dir) throws IOException {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "my parcel never arrived\n");
    Run r = run("predict", "--head", notes.toString(), "--input", notes.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(notes + " is not a LabelTune task head").contains("'labeltune tune'")
        .doesNotContain("truncated").doesNotContain("Unrecognized token");
    Files.writeString(notes, "{\"labels\": [\"a\", \"b\"]}\n");
    assertThat(run("predict", "--head", notes.toString(), "--input", notes.toString()).err())
        .contains("is not a LabelTune task head (it has no \"format\"");
  }

  @Test
  void demo_classifiesTheShippedTickets() {
    Run r = run("demo");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("accuracy").contains("on 24 tickets");
    String accuracy = r.out().replaceAll("(?s).*accuracy ([0-9.]+)%.*", "$1");
    assertThat(Double.parseDouble(accuracy)).isGreaterThanOrEqualTo(80.0);
  }

  @Test
  void zeroShot_writesOneJsonObjectPerText(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"text\": \"The striker scored twice in the final.\"}\n"
        + "{\"text\": \"The central bank raised interest rates.\"}\n");
    Run r = run("zero-shot", "--labels", "sports,business,science", "--template", "It is {} news.", "--input", in.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> rows = r.lines().stream().map(LabelTuneCommandTest::parse).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("label").asText()).isEqualTo("sports");
    assertThat(rows.get(1).get("label").asText()).isEqualTo("business");
    assertThat(rows.get(0).get("probabilities").size()).isEqualTo(3);
  }

  @Test
  void zeroShot_outputFileAndMultiLabel(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "My order arrived broken and I want my money back.\n");
    Path outFile = dir.resolve("predictions.jsonl");
    Run r = run("zero-shot", "--labels", "refund,damaged delivery,weather", "--multi-label", "--threshold", "0.2",
        "--input", in.toString(), "--output", outFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode row = parse(Files.readString(outFile).strip());
    assertThat(row.get("labels")).isNotNull();
    assertThat(row.get("labels").toString()).doesNotContain("weather");
  }

  @Test
  void zeroShot_malformedInputNamesTheLine(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"text\": \"fine\"}\n{\"text\": broken}\n");
    Run r = run("zero-shot", "--labels", "a,b", "--input", in.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("in.jsonl line 2: not valid JSON").doesNotContain("Exception");
  }

  @Test
  void zeroShot_badLabelsAreUsageErrors(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "text\n");
    Run dup = run("zero-shot", "--labels", "a,b,a", "--input", in.toString());
    assertThat(dup.code()).isEqualTo(2);
    assertThat(dup.err()).contains("Duplicate label 'a'");
    Run single = run("zero-shot", "--labels", "a", "--input", in.toString());
    assertThat(single.code()).isEqualTo(2);
    assertThat(single.err()).contains("at least 2 labels");
  }

  @Test
  void zeroShot_unknownModel(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "text\n");
    Run r = run("zero-shot", "--labels", "a,b", "--model", "nope", "--input", in.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Unknown model 'nope'");
  }

  @Test
  void eval_printsJsonReportAsLastLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("train.jsonl"), """
        {"text": "The team won the championship game.", "label": "sports"}
        {"text": "Shares dropped after the earnings report.", "label": "business"}
        """);
    Files.writeString(dir.resolve("test.jsonl"), """
        {"text": "The goalkeeper saved a penalty.", "label": "sports"}
        {"text": "The company reported record profits.", "label": "business"}
        """);
    Files.writeString(dir.resolve("task.json"), "{\"template\": \"It is {} news.\"}");
    Run r = run("eval", "--data", dir.toString(), "--method", "zero-shot", "--seeds", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = parse(r.lines().get(r.lines().size() - 1));
    assertThat(report.get("method").asText()).isEqualTo("zero-shot");
    assertThat(report.get("model").asText()).isEqualTo("all-minilm-l6-v2");
    assertThat(report.get("seeds").asInt()).isEqualTo(2);
    assertThat(report.get("accuracy").asDouble()).isEqualTo(100.0);
    for (String key : List.of("dataset", "shots", "macro_f1", "macro_f1_std", "fit_seconds", "predict_per_second")) {
      assertThat(report.has(key)).as(key).isTrue();
    }
  }

  @Test
  void eval_unknownMethodAndMissingData(@TempDir Path dir) {
    Run bad = run("eval", "--data", dir.toString(), "--method", "magic");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("Invalid value 'magic' for option '--method'");
    Run missing = run("eval", "--data", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("No such file");
  }

  @Test
  void tuneThenPredict_roundTripsThroughTheHeadFile(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.jsonl");
    try (var in = LabelTuneCommandTest.class.getResourceAsStream(DemoCommand.RESOURCE)) {
      Files.copy(in, train);
    }
    Path head = dir.resolve("tickets.head.json");
    Run tune = run("tune", "--train", train.toString(), "--template", "This support ticket is about {}.", "--out",
        head.toString());
    assertThat(tune.code()).as(tune.err()).isZero();
    assertThat(tune.out()).contains("cross-validated macro-F1").contains("wrote");
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "My package never showed up.\nI cannot log in to my account.\n");
    Run predict = run("predict", "--head", head.toString(), "--input", in.toString());
    assertThat(predict.code()).as(predict.err()).isZero();
    assertThat(predict.lines()).hasSize(2);
    assertThat(parse(predict.lines().get(0)).get("label").asText()).isEqualTo("shipping");
    assertThat(parse(predict.lines().get(1)).get("label").asText()).isEqualTo("account access");
  }

  @Test
  void predict_refusesHeadOfAnotherEncoderAndCorruptFiles(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.csv");
    Files.writeString(train, "body,queue\nrefund my money,billing\ncharged twice,billing\nparcel lost,shipping\nwhere is my box,shipping\n");
    Path head = dir.resolve("h.json");
    Run tune = run("tune", "--train", train.toString(), "--text-field", "body", "--label-field", "queue", "--out",
        head.toString());
    assertThat(tune.code()).as(tune.err()).isZero();
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "hello\n");
    Run other = run("predict", "--head", head.toString(), "--model", "all-minilm-l6-v2-q", "--input", in.toString());
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("trained for encoder 'all-minilm-l6-v2'").contains("all-minilm-l6-v2-q");
    Files.writeString(head, Files.readString(head).substring(0, 100));
    Run corrupt = run("predict", "--head", head.toString(), "--input", in.toString());
    assertThat(corrupt.code()).isEqualTo(1);
    assertThat(corrupt.err()).contains("Corrupt head file");
  }

  @Test
  void eval_labelTuningMethodsRun(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    for (String method : List.of("prototype", "logreg", "lt", "lt-kd")) {
      Run r = run("eval", "--data", dir.toString(), "--method", method, "--shots", "4", "--seeds", "2", "--json");
      assertThat(r.code()).as(method + ": " + r.err()).isZero();
      JsonNode report = parse(r.lines().get(r.lines().size() - 1));
      assertThat(report.get("method").asText()).isEqualTo(method);
      assertThat(report.get("accuracy").asDouble()).as(method).isEqualTo(100.0);
    }
  }

  @Test
  void distill_trainsOnExamplesAndUnlabeledTexts(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.jsonl");
    try (var in = LabelTuneCommandTest.class.getResourceAsStream(DemoCommand.RESOURCE)) {
      Files.copy(in, train);
    }
    Path unlabeled = dir.resolve("unlabeled.txt");
    Files.writeString(unlabeled, "Where is my order?\nI was billed the wrong amount.\nThe page shows an error.\n"
        + "Reset my password please.\nMy delivery is late.\n");
    Path head = dir.resolve("d.json");
    Run r = run("distill", "--train", train.toString(), "--unlabeled", unlabeled.toString(), "--template",
        "This support ticket is about {}.", "--out", head.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("lt-kd head").contains("5 unlabeled texts");
    assertThat(Files.readString(head)).contains("\"method\" : \"lt-kd\"");
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "\n");
    Run none = run("distill", "--train", train.toString(), "--unlabeled", empty.toString(), "--out", head.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("holds no texts");
  }

  @Test
  void finetune_writesAModelDirectoryThatEveryCommandLoads(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.jsonl");
    try (var in = LabelTuneCommandTest.class.getResourceAsStream(DemoCommand.RESOURCE)) {
      Files.copy(in, train);
    }
    Path model = dir.resolve("tickets-model");
    Run ft = run("finetune", "--train", train.toString(), "--template", "This support ticket is about {}.",
        "--epochs", "2", "--out", model.toString());
    assertThat(ft.code()).as(ft.err()).isZero();
    assertThat(ft.out()).contains("Fine-tuned all-minilm-l6-v2 on 24 examples").contains("loss per epoch").contains("wrote");
    assertThat(Files.readString(model.resolve("labeltune-model.json"))).contains("\"baseModel\" : \"all-minilm-l6-v2\"");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("train.jsonl", "tickets-model");
    }
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "My package never showed up.\n");
    Run zeroShot = run("zero-shot", "--model", model.toString(), "--labels", "shipping,billing", "--input", in.toString());
    assertThat(zeroShot.code()).as(zeroShot.err()).isZero();
    assertThat(parse(zeroShot.lines().get(0)).get("label").asText()).isEqualTo("shipping");

    Path single = dir.resolve("single.csv");
    Files.writeString(single, "text,label\nrefund my money,billing\ncharged twice,billing\n");
    Run bad = run("finetune", "--train", single.toString(), "--out", dir.resolve("bad").toString());
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("at least 2 labels");
    assertThat(dir.resolve("bad")).doesNotExist();
  }

  @Test
  void eval_fineTuningAndItsDistillation(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("eval", "--data", dir.toString(), "--method", "ft,lt-kd", "--teacher", "ft", "--epochs", "2",
        "--shots", "4", "--seeds", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> reports = r.lines().stream().filter(l -> l.startsWith("{")).map(LabelTuneCommandTest::parse).toList();
    assertThat(reports).extracting(n -> n.get("method").asText()).containsExactly("ft", "lt-kd");
    assertThat(reports).allSatisfy(n -> assertThat(n.get("accuracy").asDouble()).isEqualTo(100.0));
  }

  @Test
  void setfitThenPredict_writesAModelAndItsHead(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.jsonl");
    try (var in = LabelTuneCommandTest.class.getResourceAsStream(DemoCommand.RESOURCE)) {
      Files.copy(in, train);
    }
    Path model = dir.resolve("tickets-setfit");
    Run setfit = run("setfit", "--train", train.toString(), "--iterations", "2", "--out", model.toString());
    assertThat(setfit.code()).as(setfit.err()).isZero();
    assertThat(setfit.out()).contains("SetFit on 24 examples of 4 labels: 6 steps").contains("wrote");
    assertThat(Files.readString(model.resolve("head.json"))).contains("\"method\" : \"setfit\"").contains("\"bias\"");
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "I was charged twice this month.\n");
    Run predict = run("predict", "--model", model.toString(), "--head", model.resolve("head.json").toString(),
        "--input", in.toString());
    assertThat(predict.code()).as(predict.err()).isZero();
    assertThat(parse(predict.lines().get(0)).get("label").asText()).isEqualTo("billing");
    Run base = run("predict", "--model", "all-minilm-l6-v2", "--head", model.resolve("head.json").toString(),
        "--input", in.toString());
    assertThat(base.code()).isEqualTo(1);
    assertThat(base.err()).contains("trained for encoder 'tickets-setfit'");
    Run again = run("setfit", "--train", train.toString(), "--out", model.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("it exists; pass --force");
  }

  @Test
  void eval_setFitAndLabelTuningOnItsEncoderTuneOncePerSeed(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("eval", "--data", dir.toString(), "--method", "setfit,setfit-lt", "--shots", "4", "--seeds", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> reports = r.lines().stream().filter(l -> l.startsWith("{")).map(LabelTuneCommandTest::parse).toList();
    assertThat(reports).extracting(n -> n.get("method").asText()).containsExactly("setfit", "setfit-lt");
    assertThat(reports).allSatisfy(n -> assertThat(n.get("accuracy").asDouble()).isEqualTo(100.0));
    // setfit-lt reuses the encoder setfit tuned: its fit is label tuning alone.
    assertThat(reports.get(1).get("fit_seconds").asDouble()).isLessThan(reports.get(0).get("fit_seconds").asDouble() / 2);
  }

  @Test
  void eval_severalShotCountsInOneRun(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("eval", "--data", dir.toString(), "--method", "zero-shot,lt", "--shots", "2,4", "--seeds", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> reports = r.lines().stream().filter(l -> l.startsWith("{")).map(LabelTuneCommandTest::parse).toList();
    assertThat(reports).extracting(n -> n.get("method").asText() + "@" + n.get("shots").asInt())
        .containsExactly("zero-shot@2", "lt@2", "zero-shot@4", "lt@4");
  }

  @Test
  void ytuneThenPredict_roundTripsThroughTheHeadFile(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.jsonl");
    try (var in = LabelTuneCommandTest.class.getResourceAsStream(DemoCommand.RESOURCE)) {
      Files.copy(in, train);
    }
    Path head = dir.resolve("tickets.ytune.json");
    Run tune = run("ytune", "--train", train.toString(), "--template", "This support ticket is about {}.",
        "--epochs", "30", "--validation-fraction", "0", "--out", head.toString());
    assertThat(tune.code()).as(tune.err()).isZero();
    assertThat(tune.out()).contains("Trained Y-Tuning head").contains("30 epochs").contains("wrote");
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "My package never showed up and the tracking page is empty.\n");
    Run predict = run("predict", "--head", head.toString(), "--input", in.toString());
    assertThat(predict.code()).as(predict.err()).isZero();
    assertThat(parse(predict.lines().get(0)).get("label").asText()).isEqualTo("shipping");
    Run other = run("predict", "--head", head.toString(), "--model", "all-minilm-l6-v2-q", "--input", in.toString());
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("trained for encoder 'all-minilm-l6-v2'");
  }

  @Test
  void eval_yTuning(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("eval", "--data", dir.toString(), "--method", "ytune", "--epochs", "20", "--shots", "4",
        "--seeds", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = parse(r.lines().get(r.lines().size() - 1));
    assertThat(report.get("method").asText()).isEqualTo("ytune");
    assertThat(report.get("accuracy").asDouble()).isEqualTo(100.0);
  }

  @Test
  void benchFinetune_printsOneMarkdownRow(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("bench", "finetune", "--data", dir.toString(), "--shots", "4", "--epochs", "1", "--header");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(2)).startsWith("| " + dir.getFileName() + " | 2 x 4 | 1 | 4 |");
  }

  @Test
  void benchYtune_printsTrainingCostAndThroughputTables(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("bench", "ytune", "--data", dir.toString(), "--shots", "4", "--epochs", "2", "--labels", "2,3",
        "--count", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("| " + dir.getFileName() + " | 2 x 4 |").containsPattern("(?m)^\\| 3 \\| \\d+ \\| \\d+ \\|");
  }

  @Test
  void benchActive_comparesEveryStrategyWithRandom(@TempDir Path dir) throws IOException {
    writeSportAndCooking(dir);
    Run r = run("bench", "active", dir.toString(), "--batch", "2", "--rounds", "2", "--seeds", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    for (String strategy : List.of("random", "margin", "entropy", "least-confidence", "kmeans", "kmeans-margin")) {
      assertThat(r.out()).containsPattern("(?m)^\\| " + strategy + " \\| \\d+\\.\\d ± \\d+\\.\\d \\|");
    }
    assertThat(r.out()).contains("pool 8, test 2, 2 labels, 2 x 2 labeled, 2 seeds");
    List<JsonNode> curves = r.lines().stream().filter(l -> l.startsWith("{")).map(LabelTuneCommandTest::parse).toList();
    assertThat(curves).hasSize(12);
    assertThat(curves.get(0).get("labeled").toString()).isEqualTo("[0,2,4]");
  }

  private static void writeSportAndCooking(Path dir) throws IOException {
    StringBuilder train = new StringBuilder();
    String[] sport = {"The striker scored a goal.", "The team won the match.", "The coach praised the players.", "A late penalty decided the game."};
    String[] food = {"Bake the cake for an hour.", "Chop the onions finely.", "Season the soup with salt.", "Fry the eggs in butter."};
    for (int i = 0; i < 4; i++) {
      train.append("{\"text\": \"").append(sport[i]).append("\", \"label\": \"sport\"}\n");
      train.append("{\"text\": \"").append(food[i]).append("\", \"label\": \"cooking\"}\n");
    }
    Files.writeString(dir.resolve("train.jsonl"), train);
    Files.writeString(dir.resolve("test.jsonl"), "{\"text\": \"The goalkeeper saved it.\", \"label\": \"sport\"}\n"
        + "{\"text\": \"Whisk the cream.\", \"label\": \"cooking\"}\n");
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
