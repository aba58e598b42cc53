package dev.labeltune.tuning;

import java.util.function.DoubleUnaryOperator;

/**
 * Temperature scaling: the softmax temperature that minimizes negative log-likelihood.
 *
 * @since 0.1
 */
public final class Calibration {
  private static final double MIN_TEMPERATURE = 1e-3;
  private static final double MAX_TEMPERATURE = 10;
  private static final int ITERATIONS = 80;

  private Calibration() {}

  /**
   * @param scores N x K raw scores, row-major
   * @param targets N x K target distributions, row-major
   * @param n N
   * @param k K
   * @return the temperature in [0.001, 10] minimizing the mean cross-entropy of softmax(scores / T)
   */
  public static double fitTemperature(float[] scores, float[] targets, int n, int k) {
    return minimizeOverTemperature(t -> nll(scores, targets, n, k, t));
  }

  /**
   * @param scores raw scores, any layout
   * @param memberships targets in [0, 1] aligned with {@code scores}
   * @param threshold the decision threshold
   * @return the temperature in [0.001, 10] minimizing the mean binary cross-entropy of
   *     sigmoid((scores - threshold) / T)
   */
  static double fitSigmoidTemperature(float[] scores, float[] memberships, double threshold) {
    return minimizeOverTemperature(t -> {
      double total = 0;
      for (int i = 0; i < scores.length; i++) {
        double l = (scores[i] - threshold) / t;
        total += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - memberships[i] * l;
      }
      return total / scores.length;
    });
  }

  private static double minimizeOverTemperature(DoubleUnaryOperator f) {
    // The NLL is unimodal in log T, so a golden-section search over log T converges.
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo);
    double b = lo + phi * (hi - lo);
    double fa = f.applyAsDouble(Math.exp(a));
    double fb = f.applyAsDouble(Math.exp(b));
    for (int it = 0; it < ITERATIONS; it++) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - phi * (hi - lo);
        fa = f.applyAsDouble(Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + phi * (hi - lo);
        fb = f.applyAsDouble(Math.exp(b));
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Mean cross-entropy of softmax(scores / temperature) against the targets. */
  static double nll(float[] scores, float[] targets, int n, int k, double temperature) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, scores[i * k + c] / temperature);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(scores[i * k + c] / temperature - max);
      }
      double logSum = max + Math.log(sum);
      for (int c = 0; c < k; c++) {
        float t = targets[i * k + c];
        if (t != 0) {
          total -= t * (scores[i * k + c] / temperature - logSum);
        }
      }
    }
    return total / n;
  }
}
