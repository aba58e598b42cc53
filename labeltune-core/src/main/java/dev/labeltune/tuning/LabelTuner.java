package dev.labeltune.tuning;

import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.math.Vectors;
import dev.labeltune.metrics.ClassificationMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains the label embeddings of a task on frozen text embeddings (label tuning), choosing the
 * hyper-parameters by stratified cross-validation on macro-F1 and refitting the best on all
 * examples. The math is in {@code LabelTuningObjective}.
 *
 * <p>Runs of one configuration that differ only in their step count share one optimization, read
 * at each step count. (Configuration, fold) runs execute in parallel; each is seeded from the
 * options' seed, its configuration group and its fold, so results do not depend on scheduling.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * LabelTuningResult r = new LabelTuner(LabelTunerOptions.paper()).tune(embeddings, labels, zeroShotLabelEmbeddings);
 * }</pre>
 *
 * @since 0.1
 */
public final class LabelTuner {
  private final LabelTunerOptions options;
  private final Progress progress;

  /** Receives progress of the cross-validation and refit runs; called from worker threads. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param done runs finished
     * @param total runs in all, the refit included
     */
    void runsDone(int done, int total);
  }

  /** @param options grid, folds, zero-shot candidate, seed and threads */
  public LabelTuner(LabelTunerOptions options) {
    this(options, (done, total) -> { });
  }

  /**
   * @param options grid, folds, zero-shot candidate, seed and threads
   * @param progress receives progress
   */
  public LabelTuner(LabelTunerOptions options, Progress progress) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Tunes on single-label examples.
   *
   * @param embeddings N x d text embeddings
   * @param labels label index (0..K-1) of each example
   * @param zeroShot K x d zero-shot label embeddings
   * @return the tuned embeddings and how they were chosen
   */
  public LabelTuningResult tune(float[][] embeddings, int[] labels, float[][] zeroShot) {
    float[][] targets = new float[labels.length][zeroShot.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= zeroShot.length) {
        throw new IllegalArgumentException("Label index of example " + i + " must be in [0, " + zeroShot.length
            + "), found " + labels[i]);
      }
      targets[i][labels[i]] = 1f;
    }
    return tune(embeddings, targets, zeroShot);
  }

  /**
   * Tunes on soft targets (for instance a teacher's probabilities).
   *
   * @param embeddings N x d text embeddings
   * @param targets N x K non-negative target weights; each row is normalized to sum to one
   * @param zeroShot K x d zero-shot label embeddings
   * @return the tuned embeddings and how they were chosen
   */
  public LabelTuningResult tune(float[][] embeddings, float[][] targets, float[][] zeroShot) {
    return tune(embeddings, targets, zeroShot, false);
  }

  /**
   * Knowledge distillation: tunes on the gold examples together with unlabeled texts whose targets
   * are a teacher's label distributions.
   *
   * @param gold N x d embeddings of labeled examples
   * @param goldTargets N x K their targets
   * @param pool M x d embeddings of unlabeled texts
   * @param teacher M x K the teacher's probabilities for them
   * @param zeroShot K x d zero-shot label embeddings
   * @return the tuned embeddings and how they were chosen
   */
  public LabelTuningResult distill(float[][] gold, float[][] goldTargets, float[][] pool, float[][] teacher,
      float[][] zeroShot) {
    if (pool.length != teacher.length) {
      throw new IllegalArgumentException("Expected one teacher distribution per unlabeled text (" + pool.length
          + "), found " + teacher.length);
    }
    float[][] x = new float[gold.length + pool.length][];
    float[][] z = new float[gold.length + pool.length][];
    System.arraycopy(gold, 0, x, 0, gold.length);
    System.arraycopy(goldTargets, 0, z, 0, gold.length);
    System.arraycopy(pool, 0, x, gold.length, pool.length);
    System.arraycopy(teacher, 0, z, gold.length, pool.length);
    return tune(x, z, zeroShot);
  }

  /**
   * Tunes a multi-label task: each label is a binary decision (sigmoid and binary cross-entropy),
   * and a decision threshold on the raw scores is chosen with the configuration, both maximizing
   * the cross-validated micro-F1. A text gets its best label plus every other label whose score
   * reaches the threshold.
   *
   * @param embeddings N x d text embeddings
   * @param targets N x K label memberships in [0, 1] (1 = the text has the label)
   * @param zeroShot K x d zero-shot label embeddings
   * @return the tuned embeddings, the threshold ({@link LabelTuningResult#threshold()}) and how
   *     they were chosen; F1 figures are micro-F1
   */
  public LabelTuningResult tuneMultiLabel(float[][] embeddings, float[][] targets, float[][] zeroShot) {
    return tune(embeddings, targets, zeroShot, true);
  }

  private LabelTuningResult tune(float[][] embeddings, float[][] targets, float[][] zeroShot, boolean multiLabel) {
    int n = embeddings.length;
    int k = zeroShot.length;
    if (n == 0) {
      throw new IllegalArgumentException("Label tuning needs at least one example, found 0");
    }
    if (k < 2) {
      throw new IllegalArgumentException("Label tuning needs at least 2 labels, found " + k);
    }
    if (targets.length != n) {
      throw new IllegalArgumentException("Expected one target row per example (" + n + "), found " + targets.length);
    }
    int d = zeroShot[0].length;
    float[][] x = checkDimension(embeddings, d, "embeddings");
    float[][] y0 = checkDimension(zeroShot, d, "zeroShot");
    float[] z = multiLabel ? memberships(targets, k) : normalizedTargets(targets, k);
    int[] classOf = new int[n];
    for (int i = 0; i < n; i++) {
      classOf[i] = Vectors.argmax(z, i * k, k);
    }
    int[][] folds = CrossValidationFolds.stratified(classOf, k, options.folds());
    List<LabelTuningConfig> grid = options.grid();
    AtomicInteger done = new AtomicInteger();
    int total = runCount(grid, folds) + 1;
    float[][] outOfFold = crossValidate(x, z, y0, folds, grid, multiLabel,
        () -> progress.runsDone(done.incrementAndGet(), total));

    float[] zeroShotScores = new float[n * k];
    writeScores(x, allRows(n), y0, zeroShotScores);
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
      scored.add(new Scored(LabelTuningResult.Kind.LABEL_TUNING, Optional.of(grid.get(g)), outOfFold[g],
          score(outOfFold[g], z, classOf, k, multiLabel)));
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
    progress.runsDone(total, total);
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
    runAll(refits);
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
          centering(fit.zeroShotScores(), allRows(fit.n()), fit.classOf(), k));
      case LABEL_TUNING -> new Linear(refit(fit.x(), fit.z(), fit.y0(), candidate.config().orElseThrow(),
          fit.multiLabel()), new float[k]);
      case LOGISTIC_REGRESSION -> {
        LogisticRegression regression = LogisticRegression.fit(fit.x(), rowsOf(fit.z(), k), LogisticRegression.DEFAULT_C);
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
    return Arrays.stream(labelCounts(classOf, allRows(classOf.length), k)).allMatch(count -> count >= 2);
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

  private static int[] allRows(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
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
        LogisticRegression regression = LogisticRegression.fit(rowsOf(x, train), rowsOf(rows(z, train, k), k),
            LogisticRegression.DEFAULT_C);
        for (int i : folds[fold]) {
          System.arraycopy(regression.logits(x[i]), 0, out, i * k, k);
        }
        return null;
      });
    }
    runAll(runs);
    return out;
  }

  private static float[][] rowsOf(float[] flat, int width) {
    float[][] out = new float[flat.length / width][];
    Arrays.setAll(out, r -> Arrays.copyOfRange(flat, r * width, (r + 1) * width));
    return out;
  }

  private static float[] scaled(float[] v, double factor) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * factor);
    }
    return out;
  }

  /** The chosen configuration trained on every example, stacked (a stack of one) where that pays. */
  private float[][] refit(float[][] x, float[] z, float[][] y0, LabelTuningConfig config, boolean multiLabel) {
    long seed = runSeed(-1, -1);
    int k = y0.length;
    if (multiLabel || !StackedDescent.applies(List.of(config), k, x.length, y0[0].length)) {
      return new LabelTuningObjective(x, z, y0, multiLabel).fit(config, seed, new int[0], (s, v) -> { });
    }
    float[][][] result = new float[1][][];
    StackedDescent.Run run = new StackedDescent.Run(config, seed, new int[] {config.steps()},
        (steps, y) -> result[0] = Vectors.copy(y));
    try (FoldProducts products = new FoldProducts(x, z, 1, k, options.threads())) {
      StackedDescent.fit(products, x.length, y0, List.of(run));
    }
    return result[0];
  }

  /** A candidate's cross-validated F1 (0-100) and, for multi-label tasks, its best threshold. */
  record ScoreAndThreshold(double f1, double threshold) {}

  private static ScoreAndThreshold score(float[] scores, float[] z, int[] classOf, int k, boolean multiLabel) {
    return multiLabel ? Thresholds.bestMicroF1(scores, z, k) : new ScoreAndThreshold(macroF1(scores, classOf, k), Double.NaN);
  }

  /**
   * Configurations equal but for their step count, which share one run read at each step count.
   *
   * @param members their grid indices, fewest steps first
   * @param checkpoints their distinct step counts, ascending
   * @param longest the member with the most steps: the run's configuration
   */
  private record RunGroup(List<Integer> members, int[] checkpoints, LabelTuningConfig longest) {}

  /** Out-of-fold raw scores (N x K) of every grid configuration. */
  private float[][] crossValidate(float[][] x, float[] z, float[][] y0, int[][] folds,
      List<LabelTuningConfig> grid, boolean multiLabel, Runnable runDone) {
    int n = x.length;
    int k = y0.length;
    float[][] outOfFold = new float[grid.size()][n * k];
    Map<LabelTuningConfig, List<Integer>> byConfig = new LinkedHashMap<>();
    for (int g = 0; g < grid.size(); g++) {
      byConfig.computeIfAbsent(grid.get(g).withSteps(0), c -> new ArrayList<>()).add(g);
    }
    List<RunGroup> groups = new ArrayList<>();
    for (List<Integer> members : byConfig.values()) {
      members.sort((a, b) -> Integer.compare(grid.get(a).steps(), grid.get(b).steps()));
      groups.add(new RunGroup(List.copyOf(members),
          members.stream().mapToInt(m -> grid.get(m).steps()).distinct().toArray(),
          grid.get(members.get(members.size() - 1))));
    }
    if (!multiLabel && StackedDescent.applies(grid, groups.size() * k, n, y0[0].length)) {
      runAll(stackedFolds(x, z, y0, folds, grid, groups, outOfFold, runDone));
      return outOfFold;
    }
    List<Callable<Void>> runs = new ArrayList<>();
    for (int groupIndex = 0; groupIndex < groups.size(); groupIndex++) {
      RunGroup group = groups.get(groupIndex);
      for (int f = 0; f < folds.length; f++) {
        if (folds[f].length == 0) {
          continue;
        }
        int fold = f;
        long seed = runSeed(groupIndex, f);
        runs.add(() -> {
          int[] train = CrossValidationFolds.complement(folds, fold, n);
          LabelTuningObjective objective = new LabelTuningObjective(rowsOf(x, train), rows(z, train, k), y0, multiLabel);
          objective.fit(group.longest(), seed, group.checkpoints(), scoreWriter(group, grid, x, folds[fold], outOfFold));
          runDone.run();
          return null;
        });
      }
    }
    runAll(runs);
    return outOfFold;
  }

  /**
   * The cross-validation of a plain gradient-descent grid as one job per fold, every configuration
   * group of the fold in lockstep ({@link StackedDescent}); the same runs, seeds and checkpoints as
   * one job per (group, fold), with the matrix products done by ONNX Runtime.
   */
  private List<Callable<Void>> stackedFolds(float[][] x, float[] z, float[][] y0, int[][] folds,
      List<LabelTuningConfig> grid, List<RunGroup> groups, float[][] outOfFold, Runnable runDone) {
    int n = x.length;
    int k = y0.length;
    long nonEmpty = Arrays.stream(folds).filter(f -> f.length > 0).count();
    int parallel = (int) Math.max(1, Math.min(options.threads(), nonEmpty));
    int threadsPerFold = Math.max(1, options.threads() / parallel);
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int f = 0; f < folds.length; f++) {
      if (folds[f].length == 0) {
        continue;
      }
      int fold = f;
      jobs.add(() -> {
        int[] train = CrossValidationFolds.complement(folds, fold, n);
        List<StackedDescent.Run> runs = new ArrayList<>();
        for (int groupIndex = 0; groupIndex < groups.size(); groupIndex++) {
          RunGroup group = groups.get(groupIndex);
          runs.add(new StackedDescent.Run(group.longest(), runSeed(groupIndex, fold), group.checkpoints(),
              scoreWriter(group, grid, x, folds[fold], outOfFold)));
        }
        try (FoldProducts products = new FoldProducts(rowsOf(x, train), rows(z, train, k), runs.size(), k,
            threadsPerFold)) {
          StackedDescent.fit(products, train.length, y0, runs);
        }
        for (int g = 0; g < runs.size(); g++) {
          runDone.run();
        }
        return null;
      });
    }
    return jobs;
  }

  /** At each of a group's step counts, writes the held-out scores of the members with that count. */
  private static LabelTuningObjective.Checkpoint scoreWriter(RunGroup group, List<LabelTuningConfig> grid,
      float[][] x, int[] held, float[][] outOfFold) {
    return (steps, y) -> {
      for (int m : group.members()) {
        if (grid.get(m).steps() == steps) {
          writeScores(x, held, y, outOfFold[m]);
        }
      }
    };
  }

  private static float[][] rowsOf(float[][] x, int[] rows) {
    float[][] out = new float[rows.length][];
    Arrays.setAll(out, r -> x[rows[r]]);
    return out;
  }

  /** Number of (configuration group, non-empty fold) runs of the cross-validation. */
  private static int runCount(List<LabelTuningConfig> grid, int[][] folds) {
    long groups = grid.stream().map(c -> c.withSteps(0)).distinct().count();
    long nonEmpty = Arrays.stream(folds).filter(f -> f.length > 0).count();
    return (int) (groups * nonEmpty);
  }

  private void runAll(List<Callable<Void>> runs) {
    if (options.threads() == 1 || runs.size() <= 1) {
      for (Callable<Void> r : runs) {
        try {
          r.call();
        } catch (Exception e) {
          throw new IllegalStateException("Label tuning run failed", e);
        }
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), runs.size()),
        DaemonThreads.named("label-tuning"));
    try {
      for (Future<Void> f : pool.invokeAll(runs)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Label tuning was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Label tuning run failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private long runSeed(int group, int fold) {
    long h = options.seed() * 0x9E3779B97F4A7C15L + (group + 1) * 0xBF58476D1CE4E5B9L + (fold + 1) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  private static double macroF1(float[] scores, int[] classOf, int k) {
    int n = classOf.length;
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = Vectors.argmax(scores, i * k, k);
    }
    return 100 * ClassificationMetrics.compute(Collections.nCopies(k, ""), classOf, predicted).macroF1();
  }

  /** Writes the raw scores of the examples {@code which} against the labels y into row-major {@code out}. */
  private static void writeScores(float[][] x, int[] which, float[][] y, float[] out) {
    int k = y.length;
    for (int i : which) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = Vectors.dot(x[i], y[c]);
      }
    }
  }

  private static float[] rows(float[] m, int[] rows, int width) {
    float[] out = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(m, rows[r] * width, out, r * width, width);
    }
    return out;
  }

  private static float[][] checkDimension(float[][] m, int d, String name) {
    for (int i = 0; i < m.length; i++) {
      if (m[i].length != d) {
        throw new IllegalArgumentException(name + " row " + i + " must have dimension " + d + ", found " + m[i].length);
      }
    }
    return m;
  }

  private static float[] memberships(float[][] targets, int k) {
    float[] z = new float[targets.length * k];
    for (int i = 0; i < targets.length; i++) {
      if (targets[i].length != k) {
        throw new IllegalArgumentException("Target row " + i + " must have " + k + " entries, found " + targets[i].length);
      }
      for (int c = 0; c < k; c++) {
        float t = targets[i][c];
        if (!(t >= 0 && t <= 1)) {
          throw new IllegalArgumentException("Multi-label target row " + i + " must hold values in [0, 1], found " + t);
        }
        z[i * k + c] = t;
      }
    }
    return z;
  }

  private static float[] normalizedTargets(float[][] targets, int k) {
    float[] z = new float[targets.length * k];
    for (int i = 0; i < targets.length; i++) {
      if (targets[i].length != k) {
        throw new IllegalArgumentException("Target row " + i + " must have " + k + " entries, found " + targets[i].length);
      }
      double sum = 0;
      for (float t : targets[i]) {
        if (!(t >= 0) || Float.isInfinite(t)) {
          throw new IllegalArgumentException("Target row " + i + " must hold finite non-negative weights, found " + t);
        }
        sum += t;
      }
      if (sum == 0) {
        throw new IllegalArgumentException("Target row " + i + " is all zeros");
      }
      for (int c = 0; c < k; c++) {
        z[i * k + c] = (float) (targets[i][c] / sum);
      }
    }
    return z;
  }
}
