package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import dev.labeltune.metrics.ClassificationMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The candidates label tuning chooses among (zero-shot, centered zero-shot, each grid configuration,
 * logistic regression), scored on their out-of-fold predictions, and the choice: the best one
 * refitted on every example, or a stack of them ({@link Stacking}).
 */
final class CandidateSelection {
  private final LabelTunerOptions options;
  private final GridCrossValidation grid;

  CandidateSelection(LabelTunerOptions options, GridCrossValidation grid) {
    this.options = options;
    this.grid = grid;
  }

  /**
   * Scores every candidate on its out-of-fold predictions and chooses: the stack where the options
   * ask for it and it has a weight, else the best candidate, refitted on every example.
   *
   * @param x N x d embeddings
   * @param z N x K targets, row-major
   * @param y0 K x d zero-shot label embeddings
   * @param classOf each example's label
   * @param folds the cross-validation's folds
   * @param gridOutOfFold the out-of-fold scores of each grid configuration
   * @param multiLabel whether each label is a decision of its own
   * @return the chosen head
   */
  LabelTuningResult choose(float[][] x, float[] z, float[][] y0, int[] classOf, int[][] folds,
      float[][] gridOutOfFold, boolean multiLabel) {
    int n = x.length;
    int k = y0.length;
    List<LabelTuningConfig> grid = options.grid();
    float[] zeroShotScores = new float[n * k];
    Rows.writeScores(x, Rows.all(n), y0, zeroShotScores);
    ScoreAndThreshold zeroShotScore = score(zeroShotScores, z, classOf, k, multiLabel);
    List<Scored> scored = new ArrayList<>();
    if (options.zeroShotCandidate()) {
      scored.add(new Scored(LabelTuningResult.Kind.ZERO_SHOT, Optional.empty(), zeroShotScores, zeroShotScore));
    }
    if (options.centeredZeroShotCandidate() && !multiLabel && everyLabelTwice(classOf, k)) {
      float[] centered = centeredOutOfFold(zeroShotScores, classOf, k, folds);
      scored.add(new Scored(LabelTuningResult.Kind.CENTERED_ZERO_SHOT, Optional.empty(), centered,
          score(centered, z, classOf, k, false)));
    }
    for (int g = 0; g < grid.size(); g++) {
      scored.add(new Scored(LabelTuningResult.Kind.LABEL_TUNING, Optional.of(grid.get(g)), gridOutOfFold[g],
          score(gridOutOfFold[g], z, classOf, k, multiLabel)));
    }
    if (options.logisticCandidate() && !multiLabel) {
      float[] logistic = logisticOutOfFold(x, z, k, folds);
      scored.add(new Scored(LabelTuningResult.Kind.LOGISTIC_REGRESSION, Optional.empty(), logistic,
          score(logistic, z, classOf, k, false)));
    }
    Fit fit = new Fit(x, z, y0, classOf, zeroShotScores, multiLabel);
    LabelTuningResult result = null;
    if (!multiLabel && options.selection() == LabelTunerOptions.Selection.STACKED) {
      result = stacked(fit, scored, zeroShotScores, zeroShotScore.f1());
    }
    if (result == null) {
      result = best(fit, scored, zeroShotScores, zeroShotScore.f1());
    }
    return result;
  }

  /** The examples a tuning run learns from. */
  private record Fit(float[][] x, float[] z, float[][] y0, int[] classOf, float[] zeroShotScores, boolean multiLabel) {
    int n() {
      return x.length;
    }

    int k() {
      return y0.length;
    }
  }

  /** A candidate with its out-of-fold scores (N x K) and their F1. */
  private record Scored(LabelTuningResult.Kind kind, Optional<LabelTuningConfig> config, float[] outOfFold,
      ScoreAndThreshold score) {}

  /** A linear scorer: K x d rows and K intercepts. */
  private record Linear(float[][] rows, float[] bias) {}

  /** The candidate with the best cross-validated F1 (the first wins ties), refitted on every example. */
  private LabelTuningResult best(Fit fit, List<Scored> scored, float[] zeroShotScores, double zeroShotF1) {
    int chosen = 0;
    for (int i = 1; i < scored.size(); i++) {
      if (scored.get(i).score().f1() > scored.get(chosen).score().f1()) {
        chosen = i;
      }
    }
    Scored c = scored.get(chosen);
    Linear model = refit(fit, c);
    double temperature = fit.multiLabel()
        ? Calibration.fitSigmoidTemperature(c.outOfFold(), fit.z(), c.score().threshold())
        : Calibration.fitTemperature(c.outOfFold(), fit.z(), fit.n(), fit.k());
    double[] weights = new double[scored.size()];
    weights[chosen] = 1;
    return new LabelTuningResult(model.rows(), model.bias(), c.config(), c.score().f1(), zeroShotF1, temperature,
        c.score().threshold(), candidates(scored, weights), c.outOfFold(), zeroShotScores);
  }

  /**
   * Stacks the candidates: each one's out-of-fold scores are divided by their fitted temperature,
   * and non-negative weights minimizing the cross-validated log-loss of the weighted sum are fitted
   * ({@link Stacking}); the result is the same weighted sum of the refitted candidates, a linear
   * head whose scores are already calibrated (temperature 1).
   *
   * @return the result, or null when every weight is zero
   */
  private LabelTuningResult stacked(Fit fit, List<Scored> scored, float[] zeroShotScores, double zeroShotF1) {
    int n = fit.n();
    int k = fit.k();
    int m = scored.size();
    double[] temperatures = new double[m];
    float[][] calibrated = new float[m][];
    for (int i = 0; i < m; i++) {
      temperatures[i] = Calibration.fitTemperature(scored.get(i).outOfFold(), fit.z(), n, k);
      calibrated[i] = scaled(scored.get(i).outOfFold(), 1 / temperatures[i]);
    }
    double[] weights = Stacking.weights(calibrated, fit.z(), n, k);
    if (Arrays.stream(weights).sum() == 0) {
      return null;
    }
    Linear[] models = new Linear[m];
    List<Callable<Void>> refits = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (weights[i] > 0) {
        int candidate = i;
        refits.add(() -> {
          models[candidate] = refit(fit, scored.get(candidate));
          return null;
        });
      }
    }
    TuningThreads.runAll(options.threads(), refits);
    int d = fit.y0()[0].length;
    float[][] rows = new float[k][d];
    float[] bias = new float[k];
    float[] outOfFold = new float[n * k];
    Optional<LabelTuningConfig> dominant = Optional.empty();
    double dominantWeight = 0;
    for (int i = 0; i < m; i++) {
      if (weights[i] == 0) {
        continue;
      }
      float f = (float) (weights[i] / temperatures[i]);
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          rows[c][j] += f * models[i].rows()[c][j];
        }
        bias[c] += f * models[i].bias()[c];
      }
      for (int e = 0; e < outOfFold.length; e++) {
        outOfFold[e] += (float) (weights[i] * calibrated[i][e]);
      }
      if (scored.get(i).config().isPresent() && weights[i] > dominantWeight) {
        dominant = scored.get(i).config();
        dominantWeight = weights[i];
      }
    }
    return new LabelTuningResult(rows, bias, dominant, macroF1(outOfFold, fit.classOf(), k), zeroShotF1, 1.0,
        Double.NaN, candidates(scored, weights), outOfFold, zeroShotScores);
  }

  private static List<LabelTuningResult.Candidate> candidates(List<Scored> scored, double[] weights) {
    List<LabelTuningResult.Candidate> out = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      out.add(new LabelTuningResult.Candidate(s.kind(), s.config(), s.score().f1(), weights[i]));
    }
    return out;
  }

  /** A candidate trained on every example. */
  private Linear refit(Fit fit, Scored candidate) {
    int k = fit.k();
    return switch (candidate.kind()) {
      case ZERO_SHOT -> new Linear(fit.y0(), new float[k]);
      case CENTERED_ZERO_SHOT -> new Linear(fit.y0(),
          centering(fit.zeroShotScores(), Rows.all(fit.n()), fit.classOf(), k));
      case LABEL_TUNING -> new Linear(grid.refit(fit.x(), fit.z(), fit.y0(),
          candidate.config().orElseThrow(), fit.multiLabel()), new float[k]);
      case LOGISTIC_REGRESSION -> {
        LogisticRegression regression = LogisticRegression.fit(fit.x(), Rows.split(fit.z(), k), LogisticRegression.DEFAULT_C);
        yield new Linear(regression.weights(), regression.bias());
      }
    };
  }

  /**
   * Per-label intercepts that give every label the same mean score over the given examples, the
   * mean weighing each label's examples equally, so that neither a prior leaning towards one label
   * nor an unbalanced sample tilts the result. The intercepts sum to zero. Without an example of
   * every label there is nothing to balance against (the labels present would be pushed down): the
   * intercepts are then zero.
   *
   * @param scores N x K row-major raw scores
   * @param rows the examples to average over
   * @param classOf each example's label
   * @param k labels
   * @return K intercepts, zeros unless every label has an example among {@code rows}
   */
  static float[] centering(float[] scores, int[] rows, int[] classOf, int k) {
    int[] counts = labelCounts(classOf, rows, k);
    double[][] sums = new double[k][k];
    for (int i : rows) {
      for (int c = 0; c < k; c++) {
        sums[classOf[i]][c] += scores[i * k + c];
      }
    }
    float[] bias = new float[k];
    if (Arrays.stream(counts).anyMatch(count -> count == 0)) {
      return bias;
    }
    double[] mean = new double[k];
    for (int label = 0; label < k; label++) {
      for (int c = 0; c < k; c++) {
        mean[c] += sums[label][c] / counts[label] / k;
      }
    }
    double overall = Arrays.stream(mean).sum() / k;
    for (int c = 0; c < k; c++) {
      bias[c] = (float) (overall - mean[c]);
    }
    return bias;
  }

  /**
   * Whether the centered candidate can be cross-validated: with two examples of every label the
   * stratified folds leave one of each outside every fold, so each held-out score comes from
   * intercepts of other examples; a label seen once would be measured only on the fold that lacks it.
   */
  private static boolean everyLabelTwice(int[] classOf, int k) {
    return Arrays.stream(labelCounts(classOf, Rows.all(classOf.length), k)).allMatch(count -> count >= 2);
  }

  /** @return how many of the examples {@code rows} each label has */
  private static int[] labelCounts(int[] classOf, int[] rows, int k) {
    int[] counts = new int[k];
    for (int i : rows) {
      counts[classOf[i]]++;
    }
    return counts;
  }

  /** Out-of-fold centered zero-shot scores: each fold's intercepts come from the other folds' examples. */
  private static float[] centeredOutOfFold(float[] zeroShotScores, int[] classOf, int k, int[][] folds) {
    float[] out = zeroShotScores.clone();
    for (int f = 0; f < folds.length; f++) {
      float[] bias = centering(zeroShotScores, CrossValidationFolds.complement(folds, f, classOf.length), classOf, k);
      for (int i : folds[f]) {
        for (int c = 0; c < k; c++) {
          out[i * k + c] += bias[c];
        }
      }
    }
    return out;
  }

  /** Out-of-fold scores ({@code W x + b}) of logistic regression with C = 1, folds in parallel. */
  private float[] logisticOutOfFold(float[][] x, float[] z, int k, int[][] folds) {
    int n = x.length;
    float[] out = new float[n * k];
    List<Callable<Void>> runs = new ArrayList<>();
    for (int f = 0; f < folds.length; f++) {
      if (folds[f].length == 0) {
        continue;
      }
      int fold = f;
      int[] train = CrossValidationFolds.complement(folds, fold, n);
      if (train.length == 0) {
        // One example per label can leave a fold with nothing to learn from: its scores stay uniform.
        continue;
      }
      runs.add(() -> {
        LogisticRegression regression = LogisticRegression.fit(Rows.pick(x, train), Rows.split(Rows.pick(z, train, k), k),
            LogisticRegression.DEFAULT_C);
        for (int i : folds[fold]) {
          System.arraycopy(regression.logits(x[i]), 0, out, i * k, k);
        }
        return null;
      });
    }
    TuningThreads.runAll(options.threads(), runs);
    return out;
  }

  private static float[] scaled(float[] v, double factor) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * factor);
    }
    return out;
  }

  /** A candidate's cross-validated F1 (0-100) and, for multi-label tasks, its best threshold. */
  record ScoreAndThreshold(double f1, double threshold) {}

  private static ScoreAndThreshold score(float[] scores, float[] z, int[] classOf, int k, boolean multiLabel) {
    return multiLabel ? Thresholds.bestMicroF1(scores, z, k) : new ScoreAndThreshold(macroF1(scores, classOf, k), Double.NaN);
  }

  private static double macroF1(float[] scores, int[] classOf, int k) {
    int n = classOf.length;
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = Vectors.argmax(scores, i * k, k);
    }
    return 100 * ClassificationMetrics.compute(Collections.nCopies(k, ""), classOf, predicted).macroF1();
  }
}
