package dev.labeltune.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Metrics of multi-label predictions, as fractions in [0, 1].
 *
 * @param labels label names
 * @param subsetAccuracy fraction of examples whose predicted label set equals the gold set
 * @param microF1 F1 over all (example, label) decisions pooled
 * @param macroF1 unweighted mean of per-label F1 over labels that occur in gold or predictions
 * @param perClass one entry per label
 * @since 0.1
 */
public record MultiLabelMetrics(List<String> labels, double subsetAccuracy, double microF1, double macroF1,
    List<ClassMetrics> perClass) {

  /** Copies the lists. */
  public MultiLabelMetrics {
    labels = List.copyOf(labels);
    perClass = List.copyOf(perClass);
  }

  /**
   * @param labels label names, indexing the columns
   * @param gold {@code gold[i][k]}: example i has label k
   * @param predicted {@code predicted[i][k]}: label k was predicted for example i
   * @return the metrics
   */
  public static MultiLabelMetrics compute(List<String> labels, boolean[][] gold, boolean[][] predicted) {
    if (gold.length != predicted.length || gold.length == 0) {
      throw new IllegalArgumentException("gold and predicted must be non-empty and of equal length, found "
          + gold.length + " and " + predicted.length);
    }
    int k = labels.size();
    long[] tp = new long[k];
    long[] fp = new long[k];
    long[] fn = new long[k];
    long exact = 0;
    for (int i = 0; i < gold.length; i++) {
      if (gold[i].length != k || predicted[i].length != k) {
        throw new IllegalArgumentException("Example " + i + " must have " + k + " label columns");
      }
      boolean same = true;
      for (int c = 0; c < k; c++) {
        if (gold[i][c] && predicted[i][c]) {
          tp[c]++;
        } else if (predicted[i][c]) {
          fp[c]++;
          same = false;
        } else if (gold[i][c]) {
          fn[c]++;
          same = false;
        }
      }
      if (same) {
        exact++;
      }
    }
    List<ClassMetrics> perClass = new ArrayList<>(k);
    long sumTp = 0;
    long sumFp = 0;
    long sumFn = 0;
    double f1Sum = 0;
    int occurring = 0;
    for (int c = 0; c < k; c++) {
      ClassMetrics m = ClassMetrics.of(labels.get(c), tp[c], fp[c], fn[c]);
      perClass.add(m);
      sumTp += tp[c];
      sumFp += fp[c];
      sumFn += fn[c];
      if (tp[c] + fp[c] + fn[c] > 0) {
        f1Sum += m.f1();
        occurring++;
      }
    }
    double micro = ClassMetrics.of("", sumTp, sumFp, sumFn).f1();
    return new MultiLabelMetrics(labels, (double) exact / gold.length, micro,
        occurring == 0 ? 0 : f1Sum / occurring, perClass);
  }
}
