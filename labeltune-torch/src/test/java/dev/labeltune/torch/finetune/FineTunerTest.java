package dev.labeltune.torch.finetune;

import static dev.labeltune.torch.network.SmallTask.LABELS;
import static dev.labeltune.torch.network.SmallTask.LABEL_TEXTS;
import static dev.labeltune.torch.network.SmallTask.TEST;
import static dev.labeltune.torch.network.SmallTask.TEST_LABELS;
import static dev.labeltune.torch.network.SmallTask.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.network.TrainableEncoder;
import dev.labeltune.torch.network.SmallTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning the real all-minilm-l6-v2 on a small task this test writes. */
class FineTunerTest {
  static FineTuner tuner = new FineTuner(FineTuneOptions.builder().epochs(4).learningRate(1e-4f).seed(7).build());
  static TrainableEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = tuner.load(ModelRegistry.files("all-minilm-l6-v2"));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void learnsTheTaskAndExportsAModelThatOnnxRuntimeRuns(@TempDir Path dir) throws Exception {
    double before = accuracy(encoder.embed(TEST, 8), encoder.embed(LABEL_TEXTS, 8));
    FineTuneResult result = tuner.fit(encoder, LABEL_TEXTS, TRAIN, LABELS);
    assertThat(result.steps()).isEqualTo(4 * 4);
    assertThat(result.epochLosses()).hasSize(4);
    assertThat(result.epochLosses().get(3)).isLessThan(result.epochLosses().get(0));
    float[][] tunedTest = encoder.embed(TEST, 8);
    float[][] tunedLabels = encoder.embed(LABEL_TEXTS, 8);
    double after = accuracy(tunedTest, tunedLabels);
    assertThat(after).isGreaterThan(before).isEqualTo(1.0);

    // Three labels a batch: the loss scaled cosines by 1 + 19 ln 2 / ln 31, so probabilities are calibrated at its inverse.
    assertThat(result.temperature()).isEqualTo(1.0 / LossScale.byLabels().forBatch(3));
    ModelFiles tuned = encoder.toModelFiles("minilm-tuned").withTemperature(result.temperature());
    ModelRegistry.save(tuned, dir.resolve("model"), Map.of("base", "all-minilm-l6-v2"));
    assertThat(dir.resolve("model")).isDirectoryContaining("glob:**/model.onnx");
    try (OnnxEncoder exported = ModelRegistry.load(dir.resolve("model").toString(),
        RuntimeOptions.defaults().withMaxLength(128))) {
      assertThat(SmallTask.maxAbsDifference(tunedTest, exported.embedBatch(TEST))).isLessThan(1e-4);
      assertThat(exported.info().fingerprint()).isNotEqualTo(ModelRegistry.files("all-minilm-l6-v2").fingerprint());
      assertThat(exported.info().config().temperature()).isEqualTo(result.temperature());
      assertThat(ZeroShotClassifier.builder(exported).labels(List.of("sports", "finance")).build().scoring().temperature())
          .as("zero-shot with the tuned model scores at its temperature").isEqualTo(result.temperature());
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model");
    }
  }

  @Test
  void sameSeedGivesTheSameModel() {
    FineTuner quick = new FineTuner(FineTuneOptions.builder().epochs(1).seed(3).build());
    Map<String, float[]> first;
    Map<String, float[]> second;
    try (TrainableEncoder a = quick.load(ModelRegistry.files("all-minilm-l6-v2"))) {
      quick.fit(a, LABEL_TEXTS, TRAIN, LABELS);
      first = a.snapshot();
    }
    try (TrainableEncoder b = quick.load(ModelRegistry.files("all-minilm-l6-v2"))) {
      quick.fit(b, LABEL_TEXTS, TRAIN, LABELS);
      second = b.snapshot();
    }
    assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
    for (String name : first.keySet()) {
      float[] x = first.get(name);
      float[] y = second.get(name);
      double worst = 0;
      for (int i = 0; i < x.length; i++) {
        worst = Math.max(worst, Math.abs(x[i] - y[i]));
      }
      assertThat(worst).as("largest difference of weight %s between two runs with seed 3", name).isLessThan(1e-6);
    }
  }

  @Test
  void tuneScoresAtTheTemperatureItsFoldsFitNeverSharperThanTheLossScaleOrAtScaleOnesOwn() {
    ModelFiles base = ModelRegistry.files("all-minilm-l6-v2");
    double lossScale = 1.0 / LossScale.byLabels().forBatch(3);
    FineTuner twoFolds = new FineTuner(FineTuneOptions.builder().epochs(1).seed(3).build());
    double fitted = twoFolds.crossValidatedTemperature(base, LABEL_TEXTS, TRAIN, LABELS, 2);
    // Fold models that get every held-out text right leave the log-loss falling towards the sharpest bound.
    assertThat(fitted).isBetween(1e-3, 10.0);

    FineTunedModel model = twoFolds.tune(base, "calibrated", LABEL_TEXTS, TRAIN, LABELS);
    assertThat(model.calibrationFolds()).isEqualTo(2);
    assertThat(model.training().temperature()).isEqualTo(Math.max(fitted, lossScale));
    assertThat(model.files().config().temperature()).isEqualTo(model.training().temperature());

    // Four examples a label cannot fill five folds: the loss scale's temperature, and no extra tuning.
    FineTunedModel fallback = new FineTuner(FineTuneOptions.builder().epochs(1).seed(3).calibrationFolds(5).build())
        .tune(base, "uncalibrated", LABEL_TEXTS, TRAIN, LABELS);
    assertThat(fallback.calibrationFolds()).isZero();
    assertThat(fallback.training().temperature()).isEqualTo(lossScale);

    // Two labels a batch: scale 1, whose loss cannot make the model sure, keeps its own temperature 1.
    FineTunedModel binary = twoFolds.tune(base, "binary", LABEL_TEXTS.subList(0, 2), TRAIN.subList(0, 8),
        Arrays.copyOf(LABELS, 8));
    assertThat(binary.calibrationFolds()).isZero();
    assertThat(binary.training().temperature()).isEqualTo(1.0);
  }

  @Test
  void memoryDoesNotGrowWithTheNumberOfSteps() {
    int[] live = new int[2];
    for (int epochs = 1; epochs <= 2; epochs++) {
      FineTuner t = new FineTuner(FineTuneOptions.builder().epochs(epochs).seed(1).build());
      try (TrainableEncoder fresh = t.load(ModelRegistry.files("all-minilm-l6-v2"))) {
        t.fit(fresh, LABEL_TEXTS, TRAIN, LABELS);
        live[epochs - 1] = fresh.liveArrays();
      }
    }
    assertThat(live[1]).as("live arrays after 2 epochs against 1").isEqualTo(live[0]);
  }

  @Test
  void stopsEarlyOnAHeldOutPartAndKeepsTheBestEpoch() {
    FineTuner stopping = new FineTuner(FineTuneOptions.builder().epochs(3).learningRate(1e-4f)
        .validationFraction(0.25f).patience(1).seed(5).build());
    try (TrainableEncoder fresh = stopping.load(ModelRegistry.files("all-minilm-l6-v2"))) {
      FineTuneResult result = stopping.fit(fresh, LABEL_TEXTS, TRAIN, LABELS);
      assertThat(result.validationAccuracy()).isNotEmpty().hasSameSizeAs(result.epochLosses());
      assertThat(result.validationAccuracy().get(result.bestEpoch() - 1))
          .isEqualTo(result.validationAccuracy().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      // one of four examples per label is held out: an epoch is three rounds of one batch
      assertThat(result.steps()).isEqualTo(result.epochLosses().size() * 3);
    }
  }

  @Test
  void refusesBadTrainingSetsBeforeTraining() {
    assertThatThrownBy(() -> tuner.fit(encoder, List.of("only"), List.of("a", "b"), new int[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two labels");
    assertThatThrownBy(() -> tuner.fit(encoder, LABEL_TEXTS, List.of("a", "b"), new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none for [category gamma]");
    assertThatThrownBy(() -> tuner.fit(encoder, LABEL_TEXTS, List.of("a"), new int[] {5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
  }

  static double accuracy(float[][] texts, float[][] labels) {
    int correct = 0;
    for (int i = 0; i < texts.length; i++) {
      if (Vectors.argmax(Vectors.dotRows(labels, new float[][] {texts[i]})[0]) == TEST_LABELS[i]) {
        correct++;
      }
    }
    return (double) correct / texts.length;
  }
}
