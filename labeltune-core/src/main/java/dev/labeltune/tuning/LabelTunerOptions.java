package dev.labeltune.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link LabelTuner} chooses and trains label embeddings: the candidates (configurations of the
 * grid, the untouched zero-shot embeddings, the same centered, logistic regression), the
 * cross-validation folds, how the candidates' cross-validated predictions decide the result, the
 * seed and the threads.
 *
 * @param grid candidate configurations, tried in order (the first wins ties)
 * @param folds cross-validation folds, at least 2
 * @param zeroShotCandidate whether keeping the zero-shot embeddings is a candidate (it comes first,
 *     so it wins ties)
 * @param centeredZeroShotCandidate whether the zero-shot embeddings with per-label offsets that give
 *     every label the same mean score over the examples are a candidate, for single-label tasks with
 *     two or more examples of every label (it corrects a prior that leans towards one label, without
 *     learning from what the labels say)
 * @param logisticCandidate whether logistic regression with an intercept (C = 1) on the examples is
 *     a candidate, for single-label tasks
 * @param selection how the candidates decide the result
 * @param seed seeds the dropout masks of every run
 * @param threads worker threads for the (configuration, fold) runs
 * @since 0.1
 */
public record LabelTunerOptions(List<LabelTuningConfig> grid, int folds, boolean zeroShotCandidate,
    boolean centeredZeroShotCandidate, boolean logisticCandidate, Selection selection, long seed, int threads) {

  /** How the candidates' cross-validated predictions decide the result. */
  public enum Selection {
    /** The candidate with the best cross-validated F1 (the paper's rule; the first wins ties). */
    BEST,
    /**
     * A weighted sum of the candidates' temperature-scaled scores, with non-negative weights that
     * minimize the cross-validated log-loss (stacking). Single-label tasks only; multi-label tasks
     * use {@link #BEST}.
     */
    STACKED
  }

  /**
   * Options that pick the best of the grid and, optionally, the zero-shot embeddings.
   *
   * @param grid candidate configurations
   * @param folds cross-validation folds
   * @param zeroShotCandidate whether the zero-shot embeddings compete
   * @param seed the seed
   * @param threads worker threads
   */
  public LabelTunerOptions(List<LabelTuningConfig> grid, int folds, boolean zeroShotCandidate, long seed, int threads) {
    this(grid, folds, zeroShotCandidate, false, false, Selection.BEST, seed, threads);
  }

  /** Validates and copies. */
  public LabelTunerOptions {
    grid = List.copyOf(grid);
    Objects.requireNonNull(selection, "selection");
    if (grid.isEmpty() && !zeroShotCandidate && !centeredZeroShotCandidate && !logisticCandidate) {
      throw new IllegalArgumentException("The grid needs at least one configuration, found 0");
    }
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be at least 2, found " + folds);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, found " + threads);
    }
  }

  /**
   * The paper's procedure: gradient descent on unscaled dot products over dropout {0.01, 0.1} x
   * learning rate {0.5, 0.05} x regularization {0.1, 0.01} x steps {1000, 2000}, 4-fold
   * cross-validation on macro-F1, no zero-shot candidate.
   *
   * @return the options
   */
  public static LabelTunerOptions paper() {
    List<LabelTuningConfig> grid = new ArrayList<>();
    for (double dropout : new double[] {0.01, 0.1}) {
      for (double lr : new double[] {0.5, 0.05}) {
        for (double reg : new double[] {0.1, 0.01}) {
          for (int steps : new int[] {1000, 2000}) {
            grid.add(LabelTuningConfig.paper(lr, reg, dropout, steps));
          }
        }
      }
    }
    return new LabelTunerOptions(grid, 4, false, 0, Runtime.getRuntime().availableProcessors());
  }

  /**
   * LabelTune's default procedure, chosen with the evaluation protocol (see BENCHMARKS.md): Adam for
   * 100 steps at learning rate 0.05 on dot products scaled by 20 (a softmax temperature of 0.05,
   * which suits normalized embeddings), dimension dropout 0.1, and a drift regularization of 100,
   * 1,000 or 10,000; these three runs, the zero-shot embeddings, the same centered (per-label
   * offsets that give every label the same mean score over the examples) and logistic regression
   * are cross-validated in 4 folds and stacked (weights that minimize the cross-validated log-loss).
   *
   * <p>The paper's procedure lets the few examples pull normalized label embeddings far from a
   * good zero-shot start: its logits (cosines in [-1, 1]) barely separate, so the loss never
   * saturates, and its drift penalty, a mean over K x d elements, is too weak to hold them. The
   * scale makes the loss saturate once examples are separated and the stronger drift weights keep
   * the zero-shot knowledge. Whether that knowledge is worth keeping depends on the task (a good
   * prior for sentiment, a poor one for a language the encoder does not know), and on 16 to 50
   * examples cross-validation cannot reliably pick one candidate: weighting all of them by their
   * held-out log-loss loses less when it is wrong than picking the best. A prior can also be good
   * at ranking but lean towards one label (an encoder reading a language it was not trained on
   * often scores every text closest to the same label text); centering removes that lean from the
   * examples' scores alone, which a few examples estimate far better than a new direction.
   *
   * @return the options
   */
  public static LabelTunerOptions defaults() {
    List<LabelTuningConfig> grid = new ArrayList<>();
    for (double reg : new double[] {100, 1_000, 10_000}) {
      grid.add(new LabelTuningConfig(0.05, reg, 0.1, 100, 20, LabelTuningConfig.Optimizer.ADAM));
    }
    return new LabelTunerOptions(grid, 4, true, true, true, Selection.STACKED, 0,
        Runtime.getRuntime().availableProcessors());
  }

  /** @param seed the new seed @return a copy with it */
  public LabelTunerOptions withSeed(long seed) {
    return new LabelTunerOptions(grid, folds, zeroShotCandidate, centeredZeroShotCandidate, logisticCandidate,
        selection, seed, threads);
  }

  /** @param threads worker threads @return a copy with them */
  public LabelTunerOptions withThreads(int threads) {
    return new LabelTunerOptions(grid, folds, zeroShotCandidate, centeredZeroShotCandidate, logisticCandidate,
        selection, seed, threads);
  }

  /** @param grid candidate configurations @return a copy with them */
  public LabelTunerOptions withGrid(List<LabelTuningConfig> grid) {
    return new LabelTunerOptions(grid, folds, zeroShotCandidate, centeredZeroShotCandidate, logisticCandidate,
        selection, seed, threads);
  }

  /** @param candidate whether zero-shot competes @return a copy with it */
  public LabelTunerOptions withZeroShotCandidate(boolean candidate) {
    return new LabelTunerOptions(grid, folds, candidate, centeredZeroShotCandidate, logisticCandidate, selection, seed,
        threads);
  }

  /** @param candidate whether the centered zero-shot embeddings compete @return a copy with it */
  public LabelTunerOptions withCenteredZeroShotCandidate(boolean candidate) {
    return new LabelTunerOptions(grid, folds, zeroShotCandidate, candidate, logisticCandidate, selection, seed, threads);
  }

  /** @param candidate whether logistic regression competes @return a copy with it */
  public LabelTunerOptions withLogisticCandidate(boolean candidate) {
    return new LabelTunerOptions(grid, folds, zeroShotCandidate, centeredZeroShotCandidate, candidate, selection, seed,
        threads);
  }

  /** @param selection how candidates decide @return a copy with it */
  public LabelTunerOptions withSelection(Selection selection) {
    return new LabelTunerOptions(grid, folds, zeroShotCandidate, centeredZeroShotCandidate, logisticCandidate,
        selection, seed, threads);
  }
}
