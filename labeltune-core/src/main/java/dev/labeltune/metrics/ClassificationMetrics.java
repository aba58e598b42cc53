package dev.labeltune.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy, macro-F1, per-label scores and the confusion matrix of single-label predictions, as
 * fractions in [0, 1]. Macro-F1 averages over the labels that occur in the gold data or in the
 * predictions (scikit-learn's convention).
 *
 * @param labels label names indexing the per-class list and the matrix
 * @param accuracy fraction of exact matches
 * @param macroF1 unweighted mean F1 over occurring labels
 * @param perClass one entry per label
 * @param confusion {@code confusion[gold][predicted]} counts
 * @since 0.1
 */
public record ClassificationMetrics(List<String> labels, double accuracy, double macroF1,
    List<ClassMetrics> perClass, int[][] confusion) {

  /** Copies the lists and the matrix. */
  public ClassificationMetrics {
    labels = List.copyOf(labels);
    perClass = List.copyOf(perClass);
    confusion = copy(confusion);
  }

  @Override
  public int[][] confusion() {
    return copy(confusion);
  }

  private static int[][] copy(int[][] m) {
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /**
   * @param labels label names; indices in {@code gold} and {@code predicted} point into it
   * @param gold gold label index per example
   * @param predicted predicted label index per example
   * @return the metrics
   * @throws IllegalArgumentException if the arrays differ in length, are empty or hold an index
   *     outside {@code labels}
   */
  public static ClassificationMetrics compute(List<String> labels, int[] gold, int[] predicted) {
    if (gold.length != predicted.length) {
      throw new IllegalArgumentException("gold and predicted must have the same length, found "
          + gold.length + " and " + predicted.length);
    }
    if (gold.length == 0) {
      throw new IllegalArgumentException("Metrics need at least one example, found 0");
    }
    int k = labels.size();
    int[][] confusion = new int[k][k];
    long correct = 0;
    for (int i = 0; i < gold.length; i++) {
      if (gold[i] < 0 || gold[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("Label index out of range [0, " + k + ") at example " + i
            + ": gold " + gold[i] + ", predicted " + predicted[i]);
      }
      confusion[gold[i]][predicted[i]]++;
      if (gold[i] == predicted[i]) {
        correct++;
      }
    }
    List<ClassMetrics> perClass = new ArrayList<>(k);
    double f1Sum = 0;
    int occurring = 0;
    for (int c = 0; c < k; c++) {
      long tp = confusion[c][c];
      long goldCount = 0;
      long predCount = 0;
      for (int j = 0; j < k; j++) {
        goldCount += confusion[c][j];
        predCount += confusion[j][c];
      }
      ClassMetrics m = ClassMetrics.of(labels.get(c), tp, predCount - tp, goldCount - tp);
      perClass.add(m);
      if (goldCount + predCount > 0) {
        f1Sum += m.f1();
        occurring++;
      }
    }
    return new ClassificationMetrics(labels, (double) correct / gold.length, f1Sum / occurring, perClass, confusion);
  }
}
