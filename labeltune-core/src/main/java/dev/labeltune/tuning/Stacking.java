package dev.labeltune.tuning;

import java.util.Arrays;

/**
 * Stacking weights: non-negative weights {@code a} of candidate score matrices that minimize the
 * cross-entropy of {@code softmax(sum_c a_c S_c)} against the targets, found by projected gradient
 * descent with backtracking, starting from weight 1 on the candidate with the lowest loss alone (the
 * first of equals), so a mixture is used only where it lowers the loss. The objective is convex in
 * {@code a}; weights also set the overall temperature, so they need not sum to one.
 */
final class Stacking {
  private static final int ITERATIONS = 300;

  private Stacking() {}

  /**
   * @param scores per candidate, N x K row-major held-out scores (already temperature-scaled)
   * @param targets N x K row-major target distributions
   * @param n examples
   * @param k labels
   * @return one non-negative weight per candidate
   */
  static double[] weights(float[][] scores, float[] targets, int n, int k) {
    int m = scores.length;
    double[] a = new double[m];
    double[] grad = new double[m];
    int start = 0;
    double loss = Double.POSITIVE_INFINITY;
    for (int c = 0; c < m; c++) {
      double[] single = new double[m];
      single[c] = 1;
      double l = loss(scores, targets, n, k, single, grad);
      if (l < loss) {
        loss = l;
        start = c;
      }
    }
    a[start] = 1;
    loss = loss(scores, targets, n, k, a, grad);
    double step = 1;
    double[] next = new double[m];
    double[] nextGrad = new double[m];
    for (int it = 0; it < ITERATIONS; it++) {
      boolean moved = false;
      while (step > 1e-8) {
        for (int c = 0; c < m; c++) {
          next[c] = Math.max(0, a[c] - step * grad[c]);
        }
        double nextLoss = loss(scores, targets, n, k, next, nextGrad);
        double decrease = 0;
        for (int c = 0; c < m; c++) {
          decrease += grad[c] * (a[c] - next[c]);
        }
        // Armijo condition for projected steps.
        if (nextLoss <= loss - 1e-4 * decrease) {
          moved = decrease > 1e-12;
          System.arraycopy(next, 0, a, 0, m);
          System.arraycopy(nextGrad, 0, grad, 0, m);
          loss = nextLoss;
          step *= 2;
          break;
        }
        step /= 2;
      }
      if (!moved) {
        break;
      }
    }
    return a;
  }

  /** Mean cross-entropy at weights {@code a}; writes its gradient. */
  private static double loss(float[][] scores, float[] targets, int n, int k, double[] a, double[] grad) {
    int m = scores.length;
    Arrays.fill(grad, 0);
    double[] logits = new double[k];
    double total = 0;
    for (int i = 0; i < n; i++) {
      int off = i * k;
      Arrays.fill(logits, 0);
      for (int c = 0; c < m; c++) {
        if (a[c] != 0) {
          for (int j = 0; j < k; j++) {
            logits[j] += a[c] * scores[c][off + j];
          }
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double v : logits) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(logits[j] - max);
      }
      double logSum = max + Math.log(sum);
      for (int j = 0; j < k; j++) {
        double t = targets[off + j];
        double residual = Math.exp(logits[j] - logSum) - t;
        if (t != 0) {
          total -= t * (logits[j] - logSum);
        }
        for (int c = 0; c < m; c++) {
          grad[c] += residual * scores[c][off + j] / n;
        }
      }
    }
    return total / n;
  }
}
