package dev.labeltune.tuning;

import dev.labeltune.math.Lbfgs;
import dev.labeltune.math.Vectors;
import java.util.Arrays;

/**
 * Multinomial logistic regression on frozen embeddings with an L2 penalty on the weights (not the
 * intercepts): it minimizes {@code C * sum_i CE(softmax(W x_i + b), z_i) + ||W||^2 / 2}, the
 * objective of scikit-learn's {@code LogisticRegression} and the head SetFit trains. Solved with
 * L-BFGS. Instances are immutable.
 *
 * @since 0.1
 */
public final class LogisticRegression {
  /** scikit-learn's default inverse regularization strength. */
  public static final double DEFAULT_C = 1.0;
  private static final int MAX_ITERATIONS = 1000;

  private final float[][] weights;
  private final float[] bias;

  private LogisticRegression(float[][] weights, float[] bias) {
    this.weights = weights;
    this.bias = bias;
  }

  /**
   * @param x N x d inputs
   * @param labels class of each input, in [0, classes)
   * @param classes K
   * @param c inverse regularization strength
   * @return the fitted model
   */
  public static LogisticRegression fit(float[][] x, int[] labels, int classes, double c) {
    float[][] targets = new float[labels.length][classes];
    for (int i = 0; i < labels.length; i++) {
      targets[i][labels[i]] = 1f;
    }
    return fit(x, targets, c);
  }

  /**
   * @param x N x d inputs
   * @param targets N x K target distributions (one-hot or soft)
   * @param c inverse regularization strength, positive
   * @return the fitted model
   */
  public static LogisticRegression fit(float[][] x, float[][] targets, double c) {
    if (x.length == 0 || x.length != targets.length) {
      throw new IllegalArgumentException("Expected as many target rows as inputs (at least one), found "
          + x.length + " inputs and " + targets.length + " targets");
    }
    if (!(c > 0)) {
      throw new IllegalArgumentException("C must be positive, found " + c);
    }
    int n = x.length;
    int d = x[0].length;
    int k = targets[0].length;
    double[] theta = new double[k * (d + 1)];
    double[][] xs = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xs[i][j] = x[i][j];
      }
    }
    // Weights and their gradient are walked dimension by dimension, all classes at once (d x k), so
    // the inner loops are independent multiply-adds the JIT vectorizes, not one long sum per class.
    double[][] wt = new double[d][k];
    double[][] gt = new double[d][k];
    double[] logits = new double[k];
    double[] residual = new double[k];
    Lbfgs.minimize((w, grad) -> {
      for (int j = 0; j < d; j++) {
        for (int cl = 0; cl < k; cl++) {
          wt[j][cl] = w[cl * (d + 1) + j];
        }
        Arrays.fill(gt[j], 0);
      }
      Arrays.fill(grad, 0);
      double loss = 0;
      for (int i = 0; i < n; i++) {
        double[] xi = xs[i];
        for (int cl = 0; cl < k; cl++) {
          logits[cl] = w[cl * (d + 1) + d];
        }
        for (int j = 0; j < d; j++) {
          double v = xi[j];
          double[] row = wt[j];
          for (int cl = 0; cl < k; cl++) {
            logits[cl] += row[cl] * v;
          }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int cl = 0; cl < k; cl++) {
          max = Math.max(max, logits[cl]);
        }
        double sum = 0;
        for (int cl = 0; cl < k; cl++) {
          sum += Math.exp(logits[cl] - max);
        }
        double logSum = max + Math.log(sum);
        for (int cl = 0; cl < k; cl++) {
          double t = targets[i][cl];
          if (t != 0) {
            loss -= c * t * (logits[cl] - logSum);
          }
          residual[cl] = c * (Math.exp(logits[cl] - logSum) - t);
          grad[cl * (d + 1) + d] += residual[cl];
        }
        for (int j = 0; j < d; j++) {
          double v = xi[j];
          double[] row = gt[j];
          for (int cl = 0; cl < k; cl++) {
            row[cl] += residual[cl] * v;
          }
        }
      }
      for (int cl = 0; cl < k; cl++) {
        int off = cl * (d + 1);
        for (int j = 0; j < d; j++) {
          loss += 0.5 * w[off + j] * w[off + j];
          grad[off + j] = gt[j][cl] + w[off + j];
        }
      }
      return loss;
    }, theta, MAX_ITERATIONS, 1e-5);
    float[][] weights = new float[k][d];
    float[] bias = new float[k];
    for (int cl = 0; cl < k; cl++) {
      for (int j = 0; j < d; j++) {
        weights[cl][j] = (float) theta[cl * (d + 1) + j];
      }
      bias[cl] = (float) theta[cl * (d + 1) + d];
    }
    return new LogisticRegression(weights, bias);
  }

  /**
   * @param x an input of dimension d
   * @return the K logits {@code W x + b}
   */
  public float[] logits(float[] x) {
    float[] out = new float[weights.length];
    for (int cl = 0; cl < weights.length; cl++) {
      float s = bias[cl];
      for (int j = 0; j < x.length; j++) {
        s += weights[cl][j] * x[j];
      }
      out[cl] = s;
    }
    return out;
  }

  /**
   * @param x an input
   * @return class probabilities
   */
  public double[] probabilities(float[] x) {
    return Vectors.softmax(logits(x), 1.0);
  }

  /** @return a copy of the K x d weights */
  public float[][] weights() {
    return Vectors.copy(weights);
  }

  /** @return a copy of the K intercepts */
  public float[] bias() {
    return bias.clone();
  }
}
