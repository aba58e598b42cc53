package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Trains the label embeddings of a task on frozen text embeddings (label tuning), choosing the
 * hyper-parameters by stratified cross-validation on macro-F1 and refitting the best on all
 * examples. The math is in {@code LabelTuningObjective}; the cross-validation of the grid in {@code
 * GridCrossValidation}; the candidates and the choice among them in {@code CandidateSelection}.
 * Results do not depend on scheduling. Instances are immutable and thread-safe.
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

    /**
     * Asked before each run: a tuning asked to stop ends with {@link java.util.concurrent.CancellationException}
     * at the next run, leaving nothing half-made.
     *
     * @return whether the caller wants the tuning stopped
     */
    default boolean stopRequested() {
      return false;
    }
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
    GridCrossValidation cv = new GridCrossValidation(options);
    List<LabelTuningConfig> grid = options.grid();
    GridCrossValidation.RunCounter counter = new GridCrossValidation.RunCounter(progress,
        GridCrossValidation.runCount(grid, folds) + 1);
    float[][] outOfFold = cv.crossValidate(x, z, y0, folds, grid, multiLabel, counter);
    LabelTuningResult result = new CandidateSelection(options, cv).choose(x, z, y0, classOf, folds, outOfFold,
        multiLabel);
    counter.finished();
    return result;
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
