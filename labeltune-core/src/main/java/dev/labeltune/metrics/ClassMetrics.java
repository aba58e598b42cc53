package dev.labeltune.metrics;

/**
 * Precision, recall and F1 of one label, as fractions in [0, 1].
 *
 * @param label the label
 * @param precision true positives over predicted positives (0 when nothing was predicted)
 * @param recall true positives over gold positives (0 when the label never occurs)
 * @param f1 harmonic mean of precision and recall (0 when both are 0)
 * @param support number of gold occurrences
 * @since 0.1
 */
public record ClassMetrics(String label, double precision, double recall, double f1, int support) {

  static ClassMetrics of(String label, long tp, long fp, long fn) {
    double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new ClassMetrics(label, p, r, f, (int) (tp + fn));
  }
}
