package dev.labeltune.tuning;

import java.util.List;
import java.util.Optional;

/**
 * What {@link LabelTuner#tune} produced.
 *
 * @param labelEmbeddings K x d tuned label embeddings
 * @param config the chosen configuration; empty when the zero-shot embeddings were kept
 * @param cvMacroF1 cross-validated macro-F1 (0-100) of the chosen candidate
 * @param zeroShotMacroF1 macro-F1 (0-100) of the zero-shot embeddings on the same examples
 * @param temperature softmax temperature over raw dot products that minimizes the
 *     cross-validated negative log-likelihood
 * @param candidates every candidate's cross-validated macro-F1, in grid order
 * @since 0.1
 */
public record LabelTuningResult(float[][] labelEmbeddings, Optional<LabelTuningConfig> config, double cvMacroF1,
    double zeroShotMacroF1, double temperature, List<Candidate> candidates) {

  /**
   * @param config the configuration, empty for the zero-shot candidate
   * @param cvMacroF1 its cross-validated macro-F1 (0-100)
   */
  public record Candidate(Optional<LabelTuningConfig> config, double cvMacroF1) {}

  /** Copies. */
  public LabelTuningResult {
    float[][] copy = new float[labelEmbeddings.length][];
    for (int c = 0; c < copy.length; c++) {
      copy[c] = labelEmbeddings[c].clone();
    }
    labelEmbeddings = copy;
    candidates = List.copyOf(candidates);
  }

  @Override
  public float[][] labelEmbeddings() {
    float[][] copy = new float[labelEmbeddings.length][];
    for (int c = 0; c < copy.length; c++) {
      copy[c] = labelEmbeddings[c].clone();
    }
    return copy;
  }
}
