package dev.labeltune.torch.setfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.Prediction;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.network.SmallTask;
import dev.labeltune.torch.network.TrainableEncoder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SetFit on the real all-minilm-l6-v2, with the small three-topic task of {@link SmallTask}. */
class SetFitTest {
  private static final List<String> LABELS = List.of("finance", "food", "sport");
  /** SmallTask's labels 0 sport, 1 finance, 2 cooking, as indices of the sorted {@link #LABELS}. */
  private static final int[] TOPIC = {2, 0, 1};
  private static final RuntimeOptions RUNTIME = RuntimeOptions.defaults().withMaxLength(128);

  /** @return SmallTask's training labels as indices of {@link #LABELS} */
  private static int[] trainLabels() {
    int[] y = new int[SmallTask.LABELS.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = TOPIC[SmallTask.LABELS[i]];
    }
    return y;
  }

  @Test
  void pairs_followTheSetFitPaper_onePositiveAndOneNegativePerExampleAndRound() {
    int[] labels = {0, 0, 0, 1, 1, 2};
    List<SetFitTuner.Pair> pairs = SetFitTuner.pairs(labels, 3, 5, new Random(1));
    assertThat(pairs).hasSize(2 * 5 * labels.length);
    for (int p = 0; p < pairs.size(); p += 2) {
      SetFitTuner.Pair positive = pairs.get(p);
      SetFitTuner.Pair negative = pairs.get(p + 1);
      int anchor = (p / 2) % labels.length;
      assertThat(positive.first()).isEqualTo(anchor);
      assertThat(negative.first()).isEqualTo(anchor);
      assertThat(positive.target()).isEqualTo(1f);
      assertThat(labels[positive.second()]).isEqualTo(labels[anchor]);
      assertThat(negative.target()).isEqualTo(0f);
      assertThat(labels[negative.second()]).isNotEqualTo(labels[anchor]);
    }
    // The lone example of label 2 is its own positive; its negatives come from every other example.
    List<SetFitTuner.Pair> many = SetFitTuner.pairs(labels, 3, 200, new Random(1));
    assertThat(many).filteredOn(p -> p.first() == 5 && p.target() == 1f).allMatch(p -> p.second() == 5);
    assertThat(many).filteredOn(p -> p.first() == 5 && p.target() == 0f).extracting(SetFitTuner.Pair::second)
        .containsOnly(0, 1, 2, 3, 4);
    assertThat(SetFitTuner.pairs(labels, 3, 5, new Random(1))).isEqualTo(pairs);
    assertThat(SetFitTuner.pairs(labels, 3, 5, new Random(2))).isNotEqualTo(pairs);
  }

  @Test
  void train_separatesTheLabelsAndGivesAModelAndHeadThatReloadAndPredict(@TempDir Path dir) throws Exception {
    int[] y = trainLabels();
    ModelFiles base = ModelRegistry.files("all-minilm-l6-v2");
    SetFitTuner tuner = new SetFitTuner(SetFitOptions.builder().iterations(4).learningRate(5e-5f).seed(3).build());
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    SetFit.Model model = SetFit.train(tuner, base, "topics-setfit", LABELS, SmallTask.TRAIN, y, RUNTIME, clock);

    assertThat(model.training().steps()).isEqualTo(2 * 4 * 12 / 16);
    assertThat(model.head().provenance().method()).isEqualTo("setfit");
    assertThat(model.head().hasBias()).isTrue();
    double before;
    try (OnnxEncoder encoder = base.open(RUNTIME)) {
      before = separation(encoder.embedBatch(SmallTask.TRAIN), y);
    }
    ModelRegistry.save(model.encoder(), dir.resolve("model"), Map.of());
    model.head().save(dir.resolve("head.json"));
    try (OnnxEncoder tuned = ModelRegistry.load(dir.resolve("model").toString(), RUNTIME)) {
      // Contrastive training pulls texts of a label together and pushes the labels apart.
      assertThat(separation(tuned.embedBatch(SmallTask.TRAIN), y)).isGreaterThan(before);
      TextClassifier classifier = TaskHead.load(dir.resolve("head.json")).bind(tuned);
      List<Prediction> predictions = classifier.classifyBatch(SmallTask.TEST, 0);
      for (int i = 0; i < predictions.size(); i++) {
        assertThat(predictions.get(i).label()).as(SmallTask.TEST.get(i))
            .isEqualTo(LABELS.get(TOPIC[SmallTask.TEST_LABELS[i]]));
      }
      assertThat(classifier.classify(SmallTask.TEST.get(0)).scores())
          .isEqualTo(model.head().bind(tuned).classify(SmallTask.TEST.get(0)).scores());
    }
    try (OnnxEncoder untuned = base.open(RUNTIME)) {
      assertThatThrownBy(() -> model.head().bind(untuned)).isInstanceOf(IncompatibleHeadException.class);
    }
  }

  @Test
  void fit_sameSeedGivesTheSameEncoder_andMemoryDoesNotGrowWithTheSteps() {
    int[] y = trainLabels();
    float[][][] embeddings = new float[2][][];
    int[] live = new int[2];
    for (int run = 0; run < 2; run++) {
      // Run 0: one round of pairs (2 steps); run 1: two rounds (3 steps) from the same seed.
      SetFitTuner tuner = new SetFitTuner(SetFitOptions.builder().iterations(run + 1).seed(5).build());
      try (TrainableEncoder encoder = tuner.load(ModelRegistry.files("all-minilm-l6-v2"))) {
        tuner.fit(encoder, LABELS, SmallTask.TRAIN, y);
        live[run] = encoder.liveArrays();
        embeddings[run] = encoder.embed(SmallTask.TEST, 8);
      }
    }
    SetFitTuner again = new SetFitTuner(SetFitOptions.builder().iterations(1).seed(5).build());
    try (TrainableEncoder encoder = again.load(ModelRegistry.files("all-minilm-l6-v2"))) {
      again.fit(encoder, LABELS, SmallTask.TRAIN, y);
      assertThat(SmallTask.maxAbsDifference(embeddings[0], encoder.embed(SmallTask.TEST, 8)))
          .as("same seed, same encoder").isLessThan(1e-6);
    }
    assertThat(live[1]).as("live DJL arrays after 3 steps against 2").isEqualTo(live[0]);
  }

  @Test
  void train_refusesASingleLabel() {
    SetFitTuner tuner = new SetFitTuner(SetFitOptions.builder().iterations(1).build());
    assertThatThrownBy(() -> SetFit.train(tuner, ModelRegistry.files("all-minilm-l6-v2"), "x", List.of("a"),
        List.of("one", "two"), new int[] {0, 0}, RUNTIME, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two labels");
  }

  /** Mean cosine of same-label pairs minus mean cosine of different-label pairs. */
  private static double separation(float[][] x, int[] y) {
    double same = 0;
    double other = 0;
    int sameCount = 0;
    int otherCount = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        double cos = Vectors.dot(x[i], x[j]) / Math.sqrt(Vectors.dot(x[i], x[i]) * Vectors.dot(x[j], x[j]));
        if (y[i] == y[j]) {
          same += cos;
          sameCount++;
        } else {
          other += cos;
          otherCount++;
        }
      }
    }
    return same / sameCount - other / otherCount;
  }
}
