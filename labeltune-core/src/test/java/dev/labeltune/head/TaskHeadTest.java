package dev.labeltune.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.testing.FakeEncoder;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskHeadTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private static final HeadProvenance PROVENANCE = new HeadProvenance("fake", "sha256:fake", 2, "lt", Optional.empty(),
      Double.NaN, Double.NaN, 0, HeadProvenance.CURRENT_VERSION, CLOCK.instant());

  static TaskHead trained(FakeEncoder encoder) {
    List<LabeledText> examples = List.of(
        LabeledText.of("football goal match", "sport"), LabeledText.of("tennis match point", "sport"),
        LabeledText.of("goal keeper football", "sport"), LabeledText.of("match referee goal", "sport"),
        LabeledText.of("vote election minister", "politics"), LabeledText.of("parliament vote law", "politics"),
        LabeledText.of("minister law election", "politics"), LabeledText.of("election parliament vote", "politics"));
    return new HeadTrainer(encoder, LabelTunerOptions.defaults().withThreads(1), "lt", CLOCK).train(examples, TaskSpec.empty());
  }

  @Test
  void saveLoad_roundTripIsBitExact(@TempDir Path dir) throws IOException {
    TaskHead head = trained(new FakeEncoder(16));
    Path file = dir.resolve("sport.head.json");
    head.save(file);
    TaskHead back = TaskHead.load(file);
    assertThat(back.labels()).isEqualTo(head.labels());
    assertThat(back.labelTexts()).isEqualTo(head.labelTexts());
    assertThat(back.labelEmbeddings()).isDeepEqualTo(head.labelEmbeddings());
    assertThat(back.temperature()).isEqualTo(head.temperature());
    assertThat(back.provenance()).isEqualTo(head.provenance());
    assertThat(back.provenance().created()).isEqualTo(CLOCK.instant());
  }

  @Test
  void withBias_scoresAddTheBias_andOnlyABiasedHeadIsWrittenAsVersion2(@TempDir Path dir) throws IOException {
    TaskHead plain = trained(new FakeEncoder(16)).withBias(new float[2]);
    float[] x = new FakeEncoder(16).embed("football goal");
    float[] bias = {0.75f, -0.25f};
    TaskHead biased = plain.withBias(bias);
    float[] s = plain.scores(x);
    assertThat(biased.scores(x)).containsExactly(s[0] + 0.75f, s[1] - 0.25f);
    assertThat(biased.predict(x, 0).scores()).isNotEqualTo(plain.predict(x, 0).scores());
    assertThat(plain.hasBias()).isFalse();

    plain.save(dir.resolve("plain.json"));
    biased.save(dir.resolve("biased.json"));
    assertThat(Files.readString(dir.resolve("plain.json"))).contains("\"version\" : 1").doesNotContain("\"bias\"");
    assertThat(Files.readString(dir.resolve("biased.json"))).contains("\"version\" : 2").contains("\"bias\"");
    TaskHead back = TaskHead.load(dir.resolve("biased.json"));
    assertThat(back.bias()).containsExactly(bias);
    assertThat(back.scores(x)).containsExactly(biased.scores(x));

    assertThatThrownBy(() -> plain.withBias(new float[3])).hasMessageContaining("one bias per label (2), found 3");
    assertThatThrownBy(() -> plain.withBias(new float[] {0, Float.NaN})).hasMessageContaining("Bias 1 must be finite");
  }

  @Test
  void load_goldenVersion1FileStillLoads() throws IOException, java.net.URISyntaxException {
    Path golden = Path.of(TaskHeadTest.class.getResource("task-head-v1.json").toURI());
    TaskHead head = TaskHead.load(golden);
    TaskHead expected = GoldenHeads.v1();
    assertThat(head.labels()).isEqualTo(expected.labels());
    assertThat(head.labelEmbeddings()).isDeepEqualTo(expected.labelEmbeddings());
    assertThat(head.provenance()).isEqualTo(expected.provenance());
    assertThat(head.temperature()).isEqualTo(0.04);
    assertThat(head.multiLabel()).isFalse();
  }

  @Test
  void load_corruptTruncatedNewerAndMissingFilesFailClearly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("h.json");
    trained(new FakeEncoder(16)).save(file);
    String text = Files.readString(file);

    Files.writeString(dir.resolve("truncated.json"), text.substring(0, text.length() / 2));
    assertThatThrownBy(() -> TaskHead.load(dir.resolve("truncated.json"))).isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("Corrupt head file").hasMessageContaining("truncated");

    int at = text.indexOf("\"embeddings\" : \"") + 20;
    char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
    Files.writeString(dir.resolve("flipped.json"), text.substring(0, at) + flipped + text.substring(at + 1));
    assertThatThrownBy(() -> TaskHead.load(dir.resolve("flipped.json"))).isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("checksum mismatch");

    Files.writeString(dir.resolve("newer.json"), text.replaceFirst("\"version\" : \\d", "\"version\" : 3"));
    assertThatThrownBy(() -> TaskHead.load(dir.resolve("newer.json"))).isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("format version 3").hasMessageContaining("upgrade LabelTune");

    Files.write(dir.resolve("binary.json"), new byte[] {0, 1, 2, 3});
    assertThatThrownBy(() -> TaskHead.load(dir.resolve("binary.json"))).isInstanceOf(IncompatibleHeadException.class);

    Files.writeString(dir.resolve("other.json"), "{\"format\": \"something-else\"}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TaskHead.load(dir.resolve("other.json"))).hasMessageContaining("not a LabelTune task head");

    assertThatThrownBy(() -> TaskHead.load(dir.resolve("missing.json"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void train_multiLabelExamplesGiveAThresholdedHeadThatRoundTrips(@TempDir Path dir) throws IOException {
    List<LabeledText> examples = List.of(
        new LabeledText("refund charge money", List.of("billing")), new LabeledText("invoice charge", List.of("billing")),
        new LabeledText("parcel late courier", List.of("shipping")), new LabeledText("courier lost parcel", List.of("shipping")),
        new LabeledText("refund for lost parcel", List.of("billing", "shipping")),
        new LabeledText("charge for late courier", List.of("billing", "shipping")),
        new LabeledText("money back parcel", List.of("billing", "shipping")), new LabeledText("invoice money", List.of("billing")));
    TaskHead head = new HeadTrainer(new FakeEncoder(16), LabelTunerOptions.defaults().withThreads(1), "lt", CLOCK)
        .train(examples, TaskSpec.empty());
    assertThat(head.multiLabel()).isTrue();
    assertThat(head.predict(new float[16], 0).scores()).hasSize(2);
    head.save(dir.resolve("m.json"));
    TaskHead back = TaskHead.load(dir.resolve("m.json"));
    assertThat(back.threshold()).isEqualTo(head.threshold());
    assertThat(back.multiLabel()).isTrue();
  }

  @Test
  void withThreshold_decidesAtTheNewThresholdAndStillAnswersTheBestLabel() {
    TaskHead head = TaskHead.of(List.of("a", "b", "c"), List.of("a", "b", "c"),
        new float[][] {{1, 0}, {0, 1}, {-1, 0}}, 0.1, 0.5, PROVENANCE);
    float[] text = {0.7f, 0.6f};
    assertThat(head.predict(text, 0).labels()).containsExactly("a", "b");
    TaskHead strict = head.withThreshold(0.65);
    assertThat(strict.threshold()).isEqualTo(0.65);
    assertThat(strict.predict(text, 0).labels()).containsExactly("a");
    assertThat(head.withThreshold(2).predict(text, 0).labels()).as("the best label, always").containsExactly("a");
    assertThat(strict.labelEmbeddings()).isDeepEqualTo(head.labelEmbeddings());
    assertThat(strict.temperature()).isEqualTo(head.temperature());
    assertThatThrownBy(() -> head.withThreshold(Double.NaN)).hasMessageContaining("finite");
    TaskHead single = TaskHead.of(List.of("a", "b"), List.of("a", "b"), new float[][] {{1, 0}, {0, 1}}, 0.1,
        Double.NaN, PROVENANCE);
    assertThatThrownBy(() -> single.withThreshold(0.5)).hasMessageContaining("single-label");
  }

  @Test
  void train_withUnlabeledTextsDistills() {
    FakeEncoder encoder = new FakeEncoder(16);
    TaskHead plain = trained(encoder);
    List<LabeledText> examples = List.of(
        LabeledText.of("football goal match", "sport"), LabeledText.of("tennis match point", "sport"),
        LabeledText.of("vote election minister", "politics"), LabeledText.of("parliament vote law", "politics"));
    TaskHead distilled = new HeadTrainer(encoder, LabelTunerOptions.defaults().withThreads(1), "lt-kd", CLOCK)
        .train(examples, TaskSpec.empty(), List.of("goal match", "vote law", "football point", "minister election"));
    assertThat(distilled.labels()).isEqualTo(plain.labels());
    assertThat(distilled.provenance().examples()).isEqualTo(4);
    assertThat(distilled.provenance().method()).isEqualTo("lt-kd");
  }

  @Test
  void bind_refusesAnotherEncoder() {
    TaskHead head = trained(new FakeEncoder(16));
    assertThatThrownBy(() -> head.bind(new FakeEncoder(8))).isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("16 dimensions").hasMessageContaining("8 dimensions");
    assertThat(head.bind(new FakeEncoder(16)).classify("a football match").scores())
        .extracting(dev.labeltune.classify.LabelScore::label).containsExactlyInAnyOrder("sport", "politics");
  }

  @Test
  void train_rejectsSingleLabelAndUnlabeledExamples() {
    HeadTrainer trainer = new HeadTrainer(new FakeEncoder(8), LabelTunerOptions.defaults());
    assertThatThrownBy(() -> trainer.train(List.of(LabeledText.of("a", "x"), LabeledText.of("b", "x")), TaskSpec.empty()))
        .hasMessageContaining("at least 2 labels");
    assertThatThrownBy(() -> trainer.train(List.of(LabeledText.unlabeled("a")), TaskSpec.empty()))
        .hasMessageContaining("Example 1 has no label");
  }

  @Test
  void of_rejectsInconsistentShapes() {
    HeadProvenance p = trained(new FakeEncoder(4)).provenance();
    assertThatThrownBy(() -> TaskHead.of(List.of("a", "a"), List.of("x", "y"), new float[2][4], 1, Double.NaN, p))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> TaskHead.of(List.of("a", "b"), List.of("x", "y"), new float[2][3], 1, Double.NaN, p))
        .hasMessageContaining("dimension 4, found 3");
    assertThatThrownBy(() -> TaskHead.of(List.of("a", "b"), List.of("x", "y"), new float[2][4], 0, Double.NaN, p))
        .hasMessageContaining("temperature");
  }
}
