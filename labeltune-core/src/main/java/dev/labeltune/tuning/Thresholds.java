package dev.labeltune.tuning;

import java.util.Arrays;

/** Chooses the decision threshold of multi-label scores. */
final class Thresholds {
  private static final int CANDIDATES = 100;

  private Thresholds() {}

  /**
   * Tries thresholds at evenly spaced quantiles of the scores (and just above the maximum) and keeps
   * the one with the best micro-F1 against the memberships (a label counts as gold when its target
   * is at least 0.5). Each text's best label is always predicted, as at prediction time, so a text
   * never gets an empty answer.
   *
   * @param scores N x K raw scores, row-major
   * @param z N x K memberships, row-major
   * @param k K
   * @return the best micro-F1 (0-100) and its threshold
   */
  static CandidateSelection.ScoreAndThreshold bestMicroF1(float[] scores, float[] z, int k) {
    boolean[] top = new boolean[scores.length];
    for (int i = 0; i < scores.length; i += k) {
      int best = i;
      for (int c = i + 1; c < i + k; c++) {
        if (scores[c] > scores[best]) {
          best = c;
        }
      }
      top[best] = true;
    }
    float[] sorted = scores.clone();
    Arrays.sort(sorted);
    double bestF1 = -1;
    double bestThreshold = Double.NaN;
    for (int q = 0; q <= CANDIDATES; q++) {
      double threshold = q == CANDIDATES ? Math.nextUp(sorted[sorted.length - 1])
          : sorted[(int) ((long) q * (sorted.length - 1) / CANDIDATES)];
      long tp = 0;
      long fp = 0;
      long fn = 0;
      for (int i = 0; i < scores.length; i++) {
        boolean predicted = top[i] || scores[i] >= threshold;
        boolean gold = z[i] >= 0.5f;
        if (predicted && gold) {
          tp++;
        } else if (predicted) {
          fp++;
        } else if (gold) {
          fn++;
        }
      }
      double f1 = tp == 0 ? 0 : 200.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        bestThreshold = threshold;
      }
    }
    return new CandidateSelection.ScoreAndThreshold(bestF1, bestThreshold);
  }
}
