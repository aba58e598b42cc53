package dev.labeltune.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelTunerTest {
  /** Three noisy clusters along axes 0..2; the zero-shot vectors point at the wrong axes. */
  private static final int K = 3;
  private static final int D = 8;

  private static float[][] clusters(int perClass, Random r, int[] labels) {
    float[][] x = new float[K * perClass][D];
    for (int i = 0; i < x.length; i++) {
      labels[i] = i % K;
      for (int j = 0; j < D; j++) {
        x[i][j] = (j == labels[i] ? 1f : 0f) + (float) r.nextGaussian() * 0.2f;
      }
    }
    return x;
  }

  private static float[][] wrongZeroShot() {
    float[][] y0 = new float[K][D];
    for (int c = 0; c < K; c++) {
      y0[c][(c + 1) % K] = 1f;
    }
    return y0;
  }

  private static LabelTunerOptions small() {
    return new LabelTunerOptions(List.of(
        new LabelTuningConfig(0.05, 1.0, 0.1, 50, 10, LabelTuningConfig.Optimizer.ADAM),
        new LabelTuningConfig(0.05, 1.0, 0.1, 150, 10, LabelTuningConfig.Optimizer.ADAM)), 4, true, 7, 2);
  }

  @Test
  void tune_beatsWrongZeroShotAndRecordsCandidates() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(1), labels);
    LabelTuningResult r = new LabelTuner(small()).tune(x, labels, wrongZeroShot());
    assertThat(r.zeroShotMacroF1()).isLessThan(20);
    assertThat(r.cvMacroF1()).isEqualTo(100.0);
    assertThat(r.config()).isPresent();
    assertThat(r.candidates()).hasSize(3);
    assertThat(r.candidates().get(0).config()).isEmpty();
    assertThat(r.temperature()).isBetween(1e-3, 10.0);
  }

  private static LabelTunerOptions stacked() {
    return small().withLogisticCandidate(true).withSelection(LabelTunerOptions.Selection.STACKED);
  }

  @Test
  void tune_stacked_givesALinearHeadThatLeavesOutAWrongPrior() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(1), labels);
    LabelTuningResult r = new LabelTuner(stacked()).tune(x, labels, wrongZeroShot());
    assertThat(r.candidates()).extracting(LabelTuningResult.Candidate::kind).containsExactly(
        LabelTuningResult.Kind.ZERO_SHOT, LabelTuningResult.Kind.LABEL_TUNING, LabelTuningResult.Kind.LABEL_TUNING,
        LabelTuningResult.Kind.LOGISTIC_REGRESSION);
    assertThat(r.candidates()).allMatch(c -> c.weight() >= 0);
    assertThat(r.candidates().get(0).weight()).isZero();
    assertThat(r.temperature()).isEqualTo(1.0);
    assertThat(r.cvMacroF1()).isEqualTo(100.0);
    // New points of the clusters: the weighted head classifies them, bias included.
    int[] testLabels = new int[30];
    float[][] test = clusters(10, new Random(11), testLabels);
    float[][] p = r.probabilities(test);
    for (int i = 0; i < test.length; i++) {
      assertThat(dev.labeltune.math.Vectors.argmax(p[i])).isEqualTo(testLabels[i]);
    }
  }

  @Test
  void tune_stacked_leansOnAGoodPriorWhenTheExamplesAreNoisy() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(4), labels);
    float[][] right = new float[K][D];
    for (int c = 0; c < K; c++) {
      right[c][c] = 1f;
    }
    // A third of the examples carry a wrong label: fitting them must not outweigh the prior.
    Random flips = new Random(9);
    for (int i = 0; i < labels.length; i++) {
      if (flips.nextInt(3) == 0) {
        labels[i] = (labels[i] + 1 + flips.nextInt(K - 1)) % K;
      }
    }
    LabelTuningResult r = new LabelTuner(stacked()).tune(x, labels, right);
    double zeroShot = r.candidates().get(0).weight();
    assertThat(r.candidates()).allMatch(c -> c.weight() <= zeroShot);
    assertThat(zeroShot).isPositive();
  }

  @Test
  void tune_defaults_oneExamplePerLabelLeavesFoldsWithNothingToLearn() {
    // Four folds, two examples: logistic regression has no training rows in the fold holding both.
    float[][] x = {{1, 0, 0}, {0, 1, 0}};
    float[][] y0 = {{0.9f, 0.1f, 0}, {0.1f, 0.9f, 0}};
    for (int threads : new int[] {1, 2}) {
      LabelTuningResult r = new LabelTuner(LabelTunerOptions.defaults().withThreads(threads)).tune(x, new int[] {0, 1}, y0);
      assertThat(r.probabilities(x)[0][0]).isGreaterThan(0.5f);
      assertThat(r.probabilities(x)[1][1]).isGreaterThan(0.5f);
    }
  }

  @Test
  void tune_stacked_deterministicAndIndependentOfThreads() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(5), labels);
    LabelTuningResult a = new LabelTuner(stacked()).tune(x, labels, wrongZeroShot());
    LabelTuningResult b = new LabelTuner(stacked().withThreads(1)).tune(x, labels, wrongZeroShot());
    assertThat(a.labelEmbeddings()).isDeepEqualTo(b.labelEmbeddings());
    assertThat(a.bias()).containsExactly(b.bias());
    assertThat(a.candidates()).isEqualTo(b.candidates());
  }

  @Test
  void tune_reportsEveryRunAndTheRefit() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(6), labels);
    java.util.List<Integer> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    int[] totals = new int[1];
    new LabelTuner(small(), (done, total) -> {
      seen.add(done);
      totals[0] = total;
    }).tune(x, labels, wrongZeroShot());
    // one configuration group (the two grid entries differ only in steps) x 4 folds, plus the refit
    assertThat(totals[0]).isEqualTo(5);
    assertThat(seen).contains(5).allMatch(d -> d >= 1 && d <= 5);
  }

  @Test
  void tune_stopsBeforeTheNextRunWhenAsked_withoutThrowingFromTheCallback() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(6), labels);
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    LabelTuner.Progress stopAfterOne = new LabelTuner.Progress() {
      @Override
      public void runsDone(int runs, int total) {
        done.set(runs);
      }

      @Override
      public boolean stopRequested() {
        return done.get() >= 1;
      }
    };
    assertThatThrownBy(() -> new LabelTuner(small().withThreads(1), stopAfterOne).tune(x, labels, wrongZeroShot()))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(done.get()).isEqualTo(1);
    // With threads, the runs already started finish; the tuning still ends stopped.
    done.set(1);
    assertThatThrownBy(() -> new LabelTuner(small(), stopAfterOne).tune(x, labels, wrongZeroShot()))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
  }

  @Test
  void tune_keepsZeroShotWhenItIsAlreadyRight() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(2), labels);
    float[][] right = new float[K][D];
    for (int c = 0; c < K; c++) {
      right[c][c] = 1f;
    }
    LabelTuningResult r = new LabelTuner(small()).tune(x, labels, right);
    assertThat(r.config()).isEmpty();
    assertThat(r.labelEmbeddings()).isDeepEqualTo(right);
  }

  @Test
  void tune_deterministicAndIndependentOfThreads() {
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(3), labels);
    LabelTuningResult a = new LabelTuner(small()).tune(x, labels, wrongZeroShot());
    LabelTuningResult b = new LabelTuner(small().withThreads(1)).tune(x, labels, wrongZeroShot());
    assertThat(a.labelEmbeddings()).isDeepEqualTo(b.labelEmbeddings());
    assertThat(a.candidates()).isEqualTo(b.candidates());
  }

  @Test
  void tune_singleExampleLabelAndMissingLabelStillWork() {
    // label 2 has one example, label 3 none: both keep a usable embedding.
    float[][] x = {{1, 0, 0, 0}, {0.9f, 0.1f, 0, 0}, {0, 1, 0, 0}, {0.1f, 0.9f, 0, 0}, {0, 0, 1, 0}};
    int[] labels = {0, 0, 1, 1, 2};
    float[][] y0 = {{0.5f, 0.5f, 0, 0}, {0.5f, 0.4f, 0, 0.1f}, {0, 0, 0.5f, 0.5f}, {0, 0, 0, 1}};
    LabelTuningResult r = new LabelTuner(small()).tune(x, labels, y0);
    assertThat(r.labelEmbeddings()).hasNumberOfRows(4);
    for (float[] row : r.labelEmbeddings()) {
      for (float v : row) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }

  @Test
  void tune_softTargetsAreNormalizedAndValidated() {
    float[][] x = {{1, 0}, {0, 1}, {1, 0.1f}, {0.1f, 1}};
    float[][] y0 = {{1, 0}, {0, 1}};
    float[][] soft = {{3, 1}, {1, 3}, {0.9f, 0.1f}, {0.2f, 0.8f}};
    assertThat(new LabelTuner(small()).tune(x, soft, y0).labelEmbeddings()).hasNumberOfRows(2);
    assertThatThrownBy(() -> new LabelTuner(small()).tune(x, new float[][] {{0, 0}, {1, 0}, {1, 0}, {0, 1}}, y0))
        .hasMessageContaining("Target row 0 is all zeros");
    assertThatThrownBy(() -> new LabelTuner(small()).tune(x, new float[][] {{-1, 2}, {1, 0}, {1, 0}, {0, 1}}, y0))
        .hasMessageContaining("non-negative");
  }

  @Test
  void tune_rejectsBadShapes() {
    float[][] y0 = {{1, 0}, {0, 1}};
    assertThatThrownBy(() -> new LabelTuner(small()).tune(new float[0][], new int[0], y0)).hasMessageContaining("at least one example");
    assertThatThrownBy(() -> new LabelTuner(small()).tune(new float[][] {{1, 0, 0}}, new int[] {0}, y0))
        .hasMessageContaining("embeddings row 0 must have dimension 2, found 3");
    assertThatThrownBy(() -> new LabelTuner(small()).tune(new float[][] {{1, 0}}, new int[] {5}, y0))
        .hasMessageContaining("Label index of example 0");
    assertThatThrownBy(() -> new LabelTuner(small()).tune(new float[][] {{1, 0}}, new int[] {0}, new float[][] {{1, 0}}))
        .hasMessageContaining("at least 2 labels");
  }

  /**
   * Two labels, each present when its axis is strong; a third of the texts have both.
   *
   * @param x n x 4 embeddings, written
   * @param z n x 2 memberships, written
   */
  private static void overlappingMembers(Random r, float[][] x, float[][] z) {
    for (int i = 0; i < x.length; i++) {
      boolean a = i % 3 != 1;
      boolean b = i % 3 != 0;
      x[i][0] = (a ? 1f : 0f) + (float) r.nextGaussian() * 0.1f;
      x[i][1] = (b ? 1f : 0f) + (float) r.nextGaussian() * 0.1f;
      x[i][2] = (float) r.nextGaussian() * 0.1f;
      z[i][0] = a ? 1f : 0f;
      z[i][1] = b ? 1f : 0f;
    }
  }

  @Test
  void tuneMultiLabel_choosesAThresholdThatSeparatesMembers() {
    int n = 30;
    float[][] x = new float[n][4];
    float[][] z = new float[n][2];
    overlappingMembers(new Random(8), x, z);
    float[][] y0 = {{0.7f, 0.1f, 0.1f, 0}, {0.1f, 0.7f, 0.1f, 0}};
    LabelTuningResult r1 = new LabelTuner(small()).tuneMultiLabel(x, z, y0);
    assertThat(r1.threshold()).isFinite();
    assertThat(r1.cvMacroF1()).isGreaterThan(95.0);
    assertThatThrownBy(() -> new LabelTuner(small()).tuneMultiLabel(x, new float[n][2], new float[][] {{1, 0, 0, 0}}))
        .hasMessageContaining("at least 2 labels");
  }

  @Test
  void folds_areStratifiedAndDeterministic() {
    int[] classOf = {0, 1, 0, 1, 0, 1, 0, 1, 2, 2};
    int[][] folds = CrossValidationFolds.stratified(classOf, 3, 4);
    assertThat(folds[0]).containsExactly(0, 1, 8);
    assertThat(folds[1]).containsExactly(2, 3, 9);
    assertThat(folds[2]).containsExactly(4, 5);
    assertThat(folds[3]).containsExactly(6, 7);
    assertThat(CrossValidationFolds.complement(folds, 0, 10)).containsExactly(2, 3, 4, 5, 6, 7, 9);
  }

  @Test
  void calibration_findsTheTemperatureThatGeneratedTheData() {
    // Targets are softmax(scores / 0.2): the best temperature is 0.2.
    Random r = new Random(4);
    int n = 50;
    int k = 3;
    float[] s = new float[n * k];
    float[] z = new float[n * k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        s[i * k + c] = (float) r.nextGaussian();
        sum += Math.exp(s[i * k + c] / 0.2);
      }
      for (int c = 0; c < k; c++) {
        z[i * k + c] = (float) (Math.exp(s[i * k + c] / 0.2) / sum);
      }
    }
    assertThat(Calibration.fitTemperature(s, z, n, k)).isBetween(0.19, 0.21);
  }

  @Test
  void centering_givesEveryLabelTheSameMeanScoreWithLabelsWeighedEqually() {
    // Three examples of label 0, one of label 1; rows 0-3 averaged, row 4 left out.
    float[] scores = {
        3, 1,
        5, 1,
        4, 1,
        2, 6,
        100, -100};
    int[] classOf = {0, 0, 0, 1, 0};
    float[] bias = CandidateSelection.centering(scores, new int[] {0, 1, 2, 3}, classOf, 2);
    // Label-balanced means: label 0 (4 + 2) / 2 = 3, label 1 (1 + 6) / 2 = 3.5.
    assertThat(bias[0]).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(bias[1]).isCloseTo(-0.25f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(CandidateSelection.centering(scores, new int[0], classOf, 2)).containsExactly(0f, 0f);
    // Label 1 has no example among rows 0-2: nothing to balance against.
    assertThat(CandidateSelection.centering(scores, new int[] {0, 1, 2}, classOf, 2)).containsExactly(0f, 0f);
  }

  /** Two noisy clusters along axes 0 and 1, every text also carrying a shared component on axis 2. */
  private static float[][] tiltedClusters(int perClass, Random r, int[] labels) {
    float[][] x = new float[2 * perClass][D];
    for (int i = 0; i < x.length; i++) {
      labels[i] = i % 2;
      for (int j = 0; j < D; j++) {
        x[i][j] = (j == labels[i] ? 1f : 0f) + (j == 2 ? 1f : 0f) + (float) r.nextGaussian() * 0.15f;
      }
    }
    return x;
  }

  @Test
  void tune_defaults_centeredZeroShotCorrectsATiltedPrior() {
    // The prior ranks the texts right but leans to label 0 (its vector also points along the shared
    // axis), so raw zero-shot calls almost every text label 0; a third of the examples are mislabeled,
    // which the learners fit and the centering (a mean over many examples) shrugs off.
    float[][] y0 = new float[2][D];
    y0[0][0] = 1f;
    y0[0][2] = 1.5f;
    y0[1][1] = 1f;
    int[] labels = new int[32];
    float[][] x = tiltedClusters(16, new Random(3), labels);
    Random flips = new Random(12);
    for (int i = 0; i < labels.length; i++) {
      if (flips.nextInt(3) == 0) {
        labels[i] = 1 - labels[i];
      }
    }
    LabelTuningResult r = new LabelTuner(LabelTunerOptions.defaults().withSeed(2)).tune(x, labels, y0);
    assertThat(r.candidates()).extracting(LabelTuningResult.Candidate::kind).containsExactly(
        LabelTuningResult.Kind.ZERO_SHOT, LabelTuningResult.Kind.CENTERED_ZERO_SHOT, LabelTuningResult.Kind.LABEL_TUNING,
        LabelTuningResult.Kind.LABEL_TUNING, LabelTuningResult.Kind.LABEL_TUNING,
        LabelTuningResult.Kind.LOGISTIC_REGRESSION);
    double centered = r.candidates().get(1).weight();
    assertThat(r.candidates()).allMatch(c -> c.weight() <= centered);
    int[] testLabels = new int[40];
    float[][] test = tiltedClusters(20, new Random(21), testLabels);
    float[][] p = r.probabilities(test);
    int zeroShotCorrect = 0;
    for (int i = 0; i < test.length; i++) {
      assertThat(dev.labeltune.math.Vectors.argmax(p[i])).isEqualTo(testLabels[i]);
      float[] raw = dev.labeltune.math.Vectors.dotRows(y0, test[i]);
      zeroShotCorrect += dev.labeltune.math.Vectors.argmax(raw) == testLabels[i] ? 1 : 0;
    }
    assertThat(zeroShotCorrect).isLessThanOrEqualTo(25);
  }

  @Test
  void tune_centeredZeroShotIsForSingleLabelTasksOnly() {
    float[][] x = new float[24][4];
    float[][] z = new float[24][2];
    overlappingMembers(new Random(8), x, z);
    float[][] y0 = {{1, 0, 0, 0}, {0, 1, 0, 0}};
    LabelTuningResult multi = new LabelTuner(LabelTunerOptions.defaults()).tuneMultiLabel(x, z, y0);
    assertThat(multi.candidates()).extracting(LabelTuningResult.Candidate::kind)
        .doesNotContain(LabelTuningResult.Kind.CENTERED_ZERO_SHOT);
  }

  @Test
  void tune_centeredZeroShotNeedsTwoExamplesOfEveryLabel() {
    // Labels 0 and 1 have examples, label 2 none (as while a user is still labeling): centering on
    // the two would push them down against the third.
    int[] labels = new int[24];
    float[][] x = clusters(8, new Random(7), labels);
    float[][] seen = java.util.stream.IntStream.range(0, x.length).filter(i -> labels[i] != 2)
        .mapToObj(i -> x[i]).toArray(float[][]::new);
    int[] seenLabels = java.util.Arrays.stream(labels).filter(l -> l != 2).toArray();
    LabelTuningResult r = new LabelTuner(LabelTunerOptions.defaults()).tune(seen, seenLabels, wrongZeroShot());
    assertThat(r.candidates()).extracting(LabelTuningResult.Candidate::kind)
        .doesNotContain(LabelTuningResult.Kind.CENTERED_ZERO_SHOT);
    // Every label, but one of them once: its cross-validated score could not measure the intercepts.
    float[][] once = java.util.Arrays.copyOf(seen, seen.length + 1);
    once[seen.length] = x[2];
    int[] onceLabels = java.util.Arrays.copyOf(seenLabels, seenLabels.length + 1);
    onceLabels[seenLabels.length] = 2;
    assertThat(new LabelTuner(LabelTunerOptions.defaults()).tune(once, onceLabels, wrongZeroShot()).candidates())
        .extracting(LabelTuningResult.Candidate::kind).doesNotContain(LabelTuningResult.Kind.CENTERED_ZERO_SHOT);
  }
}
