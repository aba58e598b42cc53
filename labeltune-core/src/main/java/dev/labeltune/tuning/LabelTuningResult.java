package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LabelTuner#tune} produced.
 *
 * @param labelEmbeddings K x d tuned label embeddings
 * @param config the chosen configuration; empty when the zero-shot embeddings were kept
 * @param cvMacroF1 cross-validated macro-F1 (0-100) of the chosen candidate
 * @param zeroShotMacroF1 macro-F1 (0-100) of the zero-shot embeddings on the same examples
 * @param temperature softmax temperature over raw dot products (for multi-label tasks: sigmoid
 *     temperature of {@code score - threshold}) that minimizes the cross-validated negative
 *     log-likelihood
 * @param threshold for multi-label tasks, the raw score a label needs to be predicted; NaN for
 *     single-label tasks
 * @param candidates every candidate's cross-validated macro-F1, in grid order
 * @param outOfFoldScores the chosen candidate's scores of each example from the fold that held it
 *     out, N x K flattened (the zero-shot scores when zero-shot was chosen)
 * @param zeroShotScores the zero-shot embeddings' scores of each example, N x K flattened
 * @since 0.1
 */
public record LabelTuningResult(float[][] labelEmbeddings, Optional<LabelTuningConfig> config, double cvMacroF1,
    double zeroShotMacroF1, double temperature, double threshold, List<Candidate> candidates,
    float[] outOfFoldScores, float[] zeroShotScores) {

  /**
   * @param config the configuration, empty for the zero-shot candidate
   * @param cvMacroF1 its cross-validated macro-F1 (0-100)
   */
  public record Candidate(Optional<LabelTuningConfig> config, double cvMacroF1) {}

  /** Copies. */
  public LabelTuningResult {
    labelEmbeddings = Vectors.copy(labelEmbeddings);
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
      double[] p = Vectors.softmax(Vectors.dotRows(labelEmbeddings, embeddings[i]), temperature);
      out[i] = new float[p.length];
      for (int c = 0; c < p.length; c++) {
        out[i][c] = (float) p[c];
      }
    }
    return out;
  }
}
