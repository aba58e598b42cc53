package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The label-tuning objective and its optimizer: the home of the math, in its reference form.
 *
 * <p>Given N frozen text embeddings X (N x d), targets Z (N x K, rows are probability
 * distributions) and the zero-shot label embeddings Y0 (K x d), label tuning trains only Y (K x d):
 *
 * <pre>
 *   m        = dropout mask over the d dimensions (1 = kept), drawn anew each step, shared by all labels
 *   S        = scale * X (Y * m)^T                                   (N x K logits)
 *   P        = row-wise softmax(S)
 *   L(Y)     = -1/N sum_i sum_c Z_ic log P_ic  +  reg * mean((Y - Y0)^2)
 *   dL/dY    = scale/N * ((P - Z)^T X) * m    +  2 reg / (K d) * (Y - Y0)
 * </pre>
 *
 * <p>For multi-label tasks each (example, label) pair is a binary decision instead: P = sigmoid(S),
 * and the data term is the binary cross-entropy summed over labels and averaged over examples,
 * whose gradient with respect to S has the same form (P - Z) / N.
 *
 * <p>The gradient has this closed form, so no autodiff framework is needed. Every kernel is an
 * axpy ({@code y[j] += a * x[j]}) over a whole row array, the loop shape the JIT compiles to SIMD
 * instructions (loops over offsets into one flat array, and dot-product reductions, it does not):
 * logits are built as S^T (K rows of N) from X^T, one axpy over N per (label, kept dimension), and
 * the gradient as one axpy over d per (label, example). Buffers are allocated once per run, never
 * per step.
 *
 * <p>A second form exists for speed only: {@link StackedDescent} runs many configurations of plain
 * gradient descent in lockstep, its data term {@code (P - Z)^T X * scale/N} computed as two matrix
 * products by ONNX Runtime ({@code FoldProducts}, graph {@code OnnxGraphs.softmaxGradient}), because a
 * large grid of many labels spends most of its time there. Its mask, drift and update are this
 * class's ({@link #gradientElement}, {@link #driftScale}); {@code StackedDescentTest} proves both
 * forms take the same steps.
 *
 * <p>The paper's reference code differs in one detail: its gradient counts the drift term once more
 * (an effective weight of {@code reg + 1}). The difference is small because the drift is a mean
 * over K x d elements; this class follows the formula above.
 */
final class LabelTuningObjective {
  private static final double ADAM_BETA1 = 0.9;
  private static final double ADAM_BETA2 = 0.999;
  private static final double ADAM_EPSILON = 1e-8;

  private final int n;
  private final int d;
  private final int k;
  private final float[][] x;
  private final float[][] xt;
  private final float[] z;
  private final float[][] y0;
  private final boolean multiLabel;

  /** Receives the label embeddings (K x d) after a requested number of steps; must not keep them. */
  @FunctionalInterface
  interface Checkpoint {
    void reached(int steps, float[][] labelEmbeddings);
  }

  /**
   * @param x N x d text embeddings, read but never modified
   * @param targets N x K target distributions, row-major
   * @param y0 K x d zero-shot label embeddings, read but never modified
   * @param multiLabel sigmoid per label (targets in [0, 1]) instead of softmax over labels
   */
  LabelTuningObjective(float[][] x, float[] targets, float[][] y0, boolean multiLabel) {
    this.multiLabel = multiLabel;
    this.n = x.length;
    this.k = y0.length;
    this.d = y0[0].length;
    if (targets.length != n * k) {
      throw new IllegalArgumentException("Expected " + n + " x " + k + " targets, found " + targets.length);
    }
    this.x = x;
    this.z = targets;
    this.y0 = y0;
    this.xt = new float[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xt[j][i] = x[i][j];
      }
    }
  }

  /**
   * Optimizes Y from Y0.
   *
   * @param config hyper-parameters; {@code config.steps()} is the total
   * @param seed seeds the dropout masks
   * @param checkpoints ascending step counts (each at most {@code config.steps()}) at which
   *     {@code checkpoint} is called; may include 0
   * @param checkpoint receives the current Y
   * @return Y after all steps (K x d)
   */
  float[][] fit(LabelTuningConfig config, long seed, int[] checkpoints, Checkpoint checkpoint) {
    float[][] y = Vectors.copy(y0);
    float[][] grad = new float[k][d];
    float[][] scores = new float[k][n];
    float[] keep = new float[d];
    boolean adam = config.optimizer() == LabelTuningConfig.Optimizer.ADAM;
    float[][] m1 = adam ? new float[k][d] : null;
    float[][] m2 = adam ? new float[k][d] : null;
    SplittableRandom random = new SplittableRandom(seed);
    int next = 0;
    for (int step = 0; step <= config.steps(); step++) {
      while (next < checkpoints.length && checkpoints[next] == step) {
        checkpoint.reached(step, y);
        next++;
      }
      if (step == config.steps()) {
        break;
      }
      sampleMask(config.dropout(), random, keep);
      lossAndGradient(y, keep, config.scale(), config.regularization(), grad, scores);
      if (adam) {
        adamUpdate(y, grad, m1, m2, step + 1, config.learningRate());
      } else {
        float lr = (float) -config.learningRate();
        for (int c = 0; c < k; c++) {
          axpy(lr, grad[c], y[c]);
        }
      }
    }
    return y;
  }

  /** Draws a dimension mask: each of {@code keep}'s entries is 0 with probability {@code dropout}, else 1. */
  static void sampleMask(double dropout, SplittableRandom random, float[] keep) {
    for (int j = 0; j < keep.length; j++) {
      keep[j] = dropout == 0 || random.nextDouble() >= dropout ? 1f : 0f;
    }
  }

  /**
   * Loss and gradient at Y for a fixed dimension mask.
   *
   * @param y K x d label embeddings
   * @param keep d-vector of 0/1
   * @param scale logit scale
   * @param reg drift weight
   * @param grad receives dL/dY (K x d)
   * @param scores scratch of K x N floats
   * @return the loss
   */
  double lossAndGradient(float[][] y, float[] keep, double scale, double reg, float[][] grad, float[][] scores) {
    logits(y, keep, (float) scale, scores);
    double loss = 0;
    float gradScale = (float) (scale / n);
    if (multiLabel) {
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double l = scores[c][i];
          float target = z[i * k + c];
          // Binary cross-entropy with logits, computed without overflow: softplus(l) - target * l.
          loss += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - target * l;
          scores[c][i] = gradScale * (float) (1 / (1 + Math.exp(-l)) - target);
        }
      }
    } else {
      // Softmax per example over the K labels, turned in place into the logit gradient (P - Z) * scale / N.
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, scores[c][i]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(scores[c][i] - max);
        }
        double logSum = max + Math.log(sum);
        for (int c = 0; c < k; c++) {
          double logP = scores[c][i] - logSum;
          float target = z[i * k + c];
          if (target != 0f) {
            loss -= target * logP;
          }
          scores[c][i] = gradScale * (float) (Math.exp(logP) - target);
        }
      }
    }
    loss /= n;
    double drift = 0;
    float driftScale = driftScale(reg, k, d);
    for (int c = 0; c < k; c++) {
      float[] g = grad[c];
      Arrays.fill(g, 0f);
      for (int i = 0; i < n; i++) {
        float a = scores[c][i];
        if (a != 0f) {
          axpy(a, x[i], g);
        }
      }
      float[] yc = y[c];
      float[] y0c = y0[c];
      for (int j = 0; j < d; j++) {
        float diff = yc[j] - y0c[j];
        drift += (double) diff * diff;
        g[j] = gradientElement(g[j], keep[j], diff, driftScale);
      }
    }
    return loss + reg * drift / ((double) k * d);
  }

  /** @return the drift term's gradient factor, {@code 2 reg / (K d)} */
  static float driftScale(double reg, int k, int d) {
    return (float) (2 * reg / ((double) k * d));
  }

  /**
   * One element of dL/dY from its data part: masked by the step's dropout, plus the drift's pull
   * towards Y0.
   *
   * @param data the element of {@code scale/N * (P - Z)^T X}
   * @param keep the dimension's mask, 0 or 1
   * @param drift {@code Y - Y0} at the element
   * @param driftScale {@link #driftScale}
   * @return the gradient's element
   */
  static float gradientElement(float data, float keep, float drift, float driftScale) {
    return data * keep + driftScale * drift;
  }

  /** S^T = scale * (Y * m) X^T, as K rows of N: one axpy over N per (label, kept dimension). */
  private void logits(float[][] y, float[] keep, float scale, float[][] scores) {
    for (int c = 0; c < k; c++) {
      float[] out = scores[c];
      Arrays.fill(out, 0f);
      float[] yc = y[c];
      for (int j = 0; j < d; j++) {
        if (keep[j] != 0f) {
          axpy(scale * yc[j], xt[j], out);
        }
      }
    }
  }

  /** {@code y += a * x} over whole arrays of equal length: the loop shape the JIT vectorizes. */
  private static void axpy(float a, float[] x, float[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] += a * x[j];
    }
  }

  private static void adamUpdate(float[][] y, float[][] grad, float[][] m1, float[][] m2, int t, double lr) {
    float step1 = (float) (lr / (1 - Math.pow(ADAM_BETA1, t)));
    float c2 = (float) (1 - Math.pow(ADAM_BETA2, t));
    float b1 = (float) ADAM_BETA1;
    float b2 = (float) ADAM_BETA2;
    float eps = (float) ADAM_EPSILON;
    for (int c = 0; c < y.length; c++) {
      float[] yc = y[c];
      float[] g = grad[c];
      float[] a = m1[c];
      float[] b = m2[c];
      for (int j = 0; j < yc.length; j++) {
        a[j] = b1 * a[j] + (1 - b1) * g[j];
        b[j] = b2 * b[j] + (1 - b2) * g[j] * g[j];
        yc[j] -= step1 * a[j] / ((float) Math.sqrt(b[j] / c2) + eps);
      }
    }
  }
}
