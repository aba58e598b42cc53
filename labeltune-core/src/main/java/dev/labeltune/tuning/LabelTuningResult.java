package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LabelTuner#tune} produced.
 *
 * @param labelEmbeddings K x d tuned label embeddings
 * @param bias K intercepts added to the dot products (zeros unless the centered zero-shot embeddings
 *     or logistic regression contributed)
 * @param config the chosen configuration (under stacking, the label-tuning configuration with the
 *     largest weight); empty when no label-tuning run was chosen
 * @param cvMacroF1 cross-validated macro-F1 (0-100) of the chosen candidate
 * @param zeroShotMacroF1 macro-F1 (0-100) of the zero-shot embeddings on the same examples
 * @param temperature softmax temperature over the raw scores (1 under stacking, whose weights
 *     include it; for multi-label tasks: sigmoid
 *     temperature of {@code score - threshold}) that minimizes the cross-validated negative
 *     log-likelihood
 * @param threshold for multi-label tasks, the raw score a label needs to be predicted; NaN for
 *     single-label tasks
 * @param candidates every candidate: zero-shot, centered zero-shot, the grid in order, logistic
 *     regression (those the options enable)
 * @param outOfFoldScores the chosen candidate's scores of each example from the fold that held it
 *     out, N x K flattened (the zero-shot scores when zero-shot was chosen)
 * @param zeroShotScores the zero-shot embeddings' scores of each example, N x K flattened
 * @since 0.1
 */
public record LabelTuningResult(float[][] labelEmbeddings, float[] bias, Optional<LabelTuningConfig> config,
    double cvMacroF1, double zeroShotMacroF1, double temperature, double threshold, List<Candidate> candidates,
    float[] outOfFoldScores, float[] zeroShotScores) {

  /** What a candidate is. */
  public enum Kind {
    /** The untouched zero-shot label embeddings. */
    ZERO_SHOT,
    /**
     * The zero-shot label embeddings with per-label intercepts that give every label the same mean
     * score over the examples, each label's examples weighing equally.
     */
    CENTERED_ZERO_SHOT,
    /** A label-tuning run of the grid. */
    LABEL_TUNING,
    /** Logistic regression with an intercept on the examples. */
    LOGISTIC_REGRESSION
  }

  /**
   * @param kind what the candidate is
   * @param config its configuration, for label-tuning runs
   * @param cvMacroF1 its cross-validated macro-F1 (0-100)
   * @param weight its share of the result: 1 for the chosen candidate and 0 for the others under
   *     {@link LabelTunerOptions.Selection#BEST}, the stacking weight under
   *     {@link LabelTunerOptions.Selection#STACKED}
   */
  public record Candidate(Kind kind, Optional<LabelTuningConfig> config, double cvMacroF1, double weight) {}

  /** Copies. */
  public LabelTuningResult {
    labelEmbeddings = Vectors.copy(labelEmbeddings);
    bias = bias.clone();
    candidates = List.copyOf(candidates);
    outOfFoldScores = outOfFoldScores.clone();
    zeroShotScores = zeroShotScores.clone();
  }

  @Override
  public float[] outOfFoldScores() {
    return outOfFoldScores.clone();
  }

  @Override
  public float[] zeroShotScores() {
    return zeroShotScores.clone();
  }

  @Override
  public float[][] labelEmbeddings() {
    return Vectors.copy(labelEmbeddings);
  }

  @Override
  public float[] bias() {
    return bias.clone();
  }

  /**
   * Label distributions for texts: the softmax of their scores at the fitted temperature
   * (single-label results).
   *
   * @param embeddings M x d text embeddings
   * @return M x K probabilities
   */
  public float[][] probabilities(float[][] embeddings) {
    float[][] out = new float[embeddings.length][];
    for (int i = 0; i < embeddings.length; i++) {
      float[] scores = Vectors.dotRows(labelEmbeddings, embeddings[i]);
      for (int c = 0; c < scores.length; c++) {
        scores[c] += bias[c];
      }
      double[] p = Vectors.softmax(scores, temperature);
      out[i] = new float[p.length];
      for (int c = 0; c < p.length; c++) {
        out[i][c] = (float) p[c];
      }
    }
    return out;
  }
}
