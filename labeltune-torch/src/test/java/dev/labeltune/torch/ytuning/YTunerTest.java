package dev.labeltune.torch.ytuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.Prediction;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.math.Vectors;
import dev.labeltune.testing.FakeEncoder;
import dev.labeltune.testing.RealModels;
import dev.labeltune.torch.network.SmallTask;
import dev.labeltune.torch.network.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YTunerTest {
  static final List<String> LABELS = List.of("sport", "finance", "cooking");

  @Test
  void hingeLossAndItsGradientOnAHandComputedCase() {
    try (NDManager m = Training.engine().newBaseManager(Device.cpu())) {
      NDArray scores = m.create(new float[] {2f, 1.5f, -1f, 0f, 0.2f, 0.1f}, new Shape(2, 3));
      scores.setRequiresGradient(true);
      NDArray gold = m.create(new float[] {1, 0, 0, 0, 0, 1}, new Shape(2, 3));
      try (GradientCollector collector = Training.engine().newGradientCollector()) {
        // row 1: only label 1 violates the margin, by 1 - 2 + 1.5 = 0.5
        // row 2: labels 0 and 1 violate it, by 1 - 0.1 + 0 = 0.9 and 1 - 0.1 + 0.2 = 1.1
        NDArray loss = YTuner.hingeLoss(scores, gold, 1f);
        collector.backward(loss);
        assertThat(loss.getFloat()).isCloseTo((0.5f + 2.0f) / 2, offset(1e-6f));
      }
      assertThat(scores.getGradient().toFloatArray())
          .containsExactly(new float[] {-0.5f, 0.5f, 0f, 0.5f, 0.5f, -1f}, offset(1e-6f));
    }
  }

  @ParameterizedTest
  @CsvSource({"0, SIMILARITY", "8, SIMILARITY", "0, LINEAR"})
  void paddedTokensNeverReceiveAttention(int width, YTuningOptions.Pointer pointer) {
    int hidden = 16;
    int k = 4;
    YTuningOptions options = YTuningOptions.builder().heads(4).layers(2).vectorsPerLabel(2).width(width)
        .pointer(pointer).build();
    try (NDManager m = Training.engine().newBaseManager(Device.cpu())) {
      Training.seed(1);
      LabelDecoder decoder = new LabelDecoder(k, hidden, options);
      decoder.initialize(m, DataType.FLOAT32, new Shape(1, 2, hidden), new Shape(1, 2));
      ParameterStore store = new ParameterStore(m, false);
      Random random = new Random(3);
      float[] x = new float[2 * 6 * hidden];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      NDArray mask = m.create(new float[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1}, new Shape(2, 6));
      NDArray before = decoder.forward(store, new NDList(m.create(x, new Shape(2, 6, hidden)), mask), false)
          .singletonOrThrow();
      assertThat(before.getShape()).isEqualTo(new Shape(2, k));
      for (int i = 3 * hidden; i < 6 * hidden; i++) {
        x[i] = 1000f * (float) random.nextGaussian();
      }
      NDArray after = decoder.forward(store, new NDList(m.create(x, new Shape(2, 6, hidden)), mask), false)
          .singletonOrThrow();
      assertThat(after.toFloatArray()).containsExactly(before.toFloatArray());
    }
  }

  @Test
  void learnsASmallTaskAndSavedHeadsReproduceTheScores(@TempDir Path dir) throws Exception {
    OnnxEncoder encoder = RealModels.miniLm();
    YTuner tuner = new YTuner(YTuningOptions.builder().epochs(30).validationFraction(0).seed(11).build());
    YTunedHead head = tuner.fit(encoder, LABELS, SmallTask.LABEL_TEXTS, SmallTask.TRAIN, SmallTask.LABELS);
    assertThat(head.epochs()).isEqualTo(30);
    assertThat(head.parameterCount()).isGreaterThan(1_000_000);
    float[][] scores;
    try (YTunedClassifier classifier = head.bind(encoder)) {
      scores = classifier.scores(SmallTask.TEST);
      int correct = 0;
      for (int i = 0; i < scores.length; i++) {
        if (Vectors.argmax(scores[i]) == SmallTask.TEST_LABELS[i]) {
          correct++;
        }
      }
      assertThat(correct).isGreaterThanOrEqualTo(5);
      int live = classifier.liveArrays();
      classifier.scores(SmallTask.TEST);
      assertThat(classifier.liveArrays()).as("arrays left behind by scoring").isEqualTo(live);
      Prediction p = classifier.classifyBatch(List.of("The midfielder was sent off."), 0).get(0);
      assertThat(p.label()).isEqualTo("sport");
    }
    Path file = dir.resolve("sport.ytune.json");
    head.save(file);
    YTunedHead loaded = YTunedHead.load(file);
    try (YTunedClassifier classifier = loaded.bind(encoder)) {
      float[][] again = classifier.scores(SmallTask.TEST);
      for (int i = 0; i < scores.length; i++) {
        assertThat(again[i]).containsExactly(scores[i]);
      }
    }

    // A file written before the gradient clip was a setting: read as clipped at 1, as it was trained.
    com.fasterxml.jackson.databind.node.ObjectNode old = dev.labeltune.testing.HeadFiles.read(file);
    ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("options")).remove("maxGradNorm");
    Path oldFile = dir.resolve("old.ytune.json");
    dev.labeltune.testing.HeadFiles.writeSigned(old, oldFile);
    assertThat(YTunedHead.load(oldFile).options().training().maxGradNorm()).isEqualTo(1f);

    assertThatThrownBy(() -> loaded.bind(new FakeEncoder(384))).isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("trained for encoder 'all-minilm-l6-v2'");
    Files.writeString(file, Files.readString(file).substring(0, 500));
    assertThatThrownBy(() -> YTunedHead.load(file)).isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("Corrupt head file");
  }

  @Test
  void heldOutExamplesChooseTheEpochsAndTheTemperatureAndTheSeedFixesTheResult() {
    OnnxEncoder encoder = RealModels.miniLm();
    YTuner tuner = new YTuner(YTuningOptions.builder().epochs(6).validationFraction(0.25f).patience(2).seed(4).build());
    YTunedHead first = tuner.fit(encoder, LABELS, SmallTask.LABEL_TEXTS, SmallTask.TRAIN, SmallTask.LABELS);
    YTunedHead second = tuner.fit(encoder, LABELS, SmallTask.LABEL_TEXTS, SmallTask.TRAIN, SmallTask.LABELS);
    assertThat(first.temperature()).isBetween(1e-3, 10.0);
    assertThat(first.heldOutAccuracy()).isBetween(0.0, 1.0);
    assertThat(first.epochs()).isBetween(1, 6);
    try (YTunedClassifier a = first.bind(encoder); YTunedClassifier b = second.bind(encoder)) {
      assertThat(a.scores(SmallTask.TEST)[0]).containsExactly(b.scores(SmallTask.TEST)[0]);
    }
  }

  @Test
  void headsWrittenBeforeThePointerOptionReadAsLinear() {
    YTuningOptions d = YTuningOptions.defaults();
    YTuningOptions old = new YTuningOptions(d.layers(), d.width(), d.heads(), d.vectorsPerLabel(), d.init(), null,
        d.margin(), d.batchSize(), d.training(), d.stopping());
    assertThat(old.pointer()).isEqualTo(YTuningOptions.Pointer.LINEAR);
  }

  @Test
  void optionsAreWrittenFlat_andFilesWithoutTheClipReadAsClippedAtOne() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    YTuningOptions options = YTuningOptions.builder().epochs(7).patience(3).seed(9).build();
    com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(options);
    assertThat(tree.get("epochs").asInt()).isEqualTo(7);
    assertThat(tree.get("patience").asInt()).isEqualTo(3);
    assertThat(tree.has("training")).isFalse();
    assertThat(json.treeToValue(tree, YTuningOptions.class)).isEqualTo(options);
  }

  @Test
  void refusesALabelWithoutExamples() {
    YTuner tuner = new YTuner(YTuningOptions.defaults());
    assertThatThrownBy(() -> tuner.fit(RealModels.miniLm(), LABELS, SmallTask.LABEL_TEXTS,
        List.of("a goal", "a loan"), new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none for [category gamma]");
  }
}
