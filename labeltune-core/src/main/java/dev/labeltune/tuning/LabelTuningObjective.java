package dev.labeltune.tuning;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The label-tuning objective and its optimizer: the one place where the math lives.
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
 * <p>The gradient has this closed form, so no autodiff framework is needed. Kernels work on flat
 * row-major arrays: logits are dot products over d, the gradient one axpy over d per (label,
 * example), so every inner loop runs over the contiguous embedding dimension. Buffers are
 * allocated once per run, never per step.
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
  private final float[] x;
  private final float[] z;
  private final float[] y0;
  private final boolean multiLabel;

  /** Receives the label embeddings after a requested number of steps; must not keep the array. */
  @FunctionalInterface
  interface Checkpoint {
    void reached(int steps, float[] labelEmbeddings);
  }

  /**
   * @param x N x d text embeddings, row-major
   * @param n N
   * @param targets N x K target distributions, row-major
   * @param y0 K x d zero-shot label embeddings, row-major
   * @param k K
   * @param multiLabel sigmoid per label (targets in [0, 1]) instead of softmax over labels
   */
  LabelTuningObjective(float[] x, int n, float[] targets, float[] y0, int k, boolean multiLabel) {
    this.multiLabel = multiLabel;
    this.n = n;
    this.k = k;
    this.d = y0.length / k;
    if (x.length != n * d || targets.length != n * k || y0.length != k * d) {
      throw new IllegalArgumentException("Inconsistent shapes: x " + x.length + ", targets " + targets.length
          + ", y0 " + y0.length + " for N=" + n + ", K=" + k + ", d=" + d);
    }
    this.x = x;
    this.z = targets;
    this.y0 = y0;
  }

  int dimension() {
    return d;
  }

  /**
   * Optimizes Y from Y0.
   *
   * @param config hyper-parameters; {@code config.steps()} is the total
   * @param seed seeds the dropout masks
   * @param checkpoints ascending step counts (each at most {@code config.steps()}) at which
   *     {@code checkpoint} is called; may include 0
   * @param checkpoint receives the current Y
   * @return Y after all steps (a new array)
   */
  float[] fit(LabelTuningConfig config, long seed, int[] checkpoints, Checkpoint checkpoint) {
    float[] y = y0.clone();
    float[] grad = new float[k * d];
    float[] scores = new float[k * n];
    float[] keep = new float[d];
    float[] masked = new float[k * d];
    boolean adam = config.optimizer() == LabelTuningConfig.Optimizer.ADAM;
    float[] m1 = adam ? new float[k * d] : null;
    float[] m2 = adam ? new float[k * d] : null;
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
      lossAndGradient(y, keep, config.scale(), config.regularization(), grad, scores, masked);
      if (adam) {
        adamUpdate(y, grad, m1, m2, step + 1, config.learningRate());
      } else {
        float lr = (float) config.learningRate();
        for (int i = 0; i < y.length; i++) {
          y[i] -= lr * grad[i];
        }
      }
    }
    return y;
  }

  private void sampleMask(double dropout, SplittableRandom random, float[] keep) {
    for (int j = 0; j < d; j++) {
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
   * @param masked scratch of K x d floats
   * @return the loss
   */
  double lossAndGradient(float[] y, float[] keep, double scale, double reg, float[] grad, float[] scores,
      float[] masked) {
    logits(y, keep, (float) scale, scores, masked);
    double loss = 0;
    float gradScale = (float) (scale / n);
    if (multiLabel) {
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double l = scores[c * n + i];
          float target = z[i * k + c];
          // Binary cross-entropy with logits, computed without overflow: softplus(l) - target * l.
          loss += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - target * l;
          scores[c * n + i] = gradScale * (float) (1 / (1 + Math.exp(-l)) - target);
        }
      }
      return finishGradient(y, keep, reg, grad, scores, loss / n);
    }
    // Softmax per example over the K labels, turned in place into the logit gradient (P - Z) * scale / N.
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, scores[c * n + i]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(scores[c * n + i] - max);
      }
      double logSum = max + Math.log(sum);
      for (int c = 0; c < k; c++) {
        double logP = scores[c * n + i] - logSum;
        float target = z[i * k + c];
        if (target != 0f) {
          loss -= target * logP;
        }
        scores[c * n + i] = gradScale * (float) (Math.exp(logP) - target);
      }
    }
    return finishGradient(y, keep, reg, grad, scores, loss / n);
  }

  /** Back-propagates the logit gradient held in {@code scores} to Y and adds the drift term. */
  private double finishGradient(float[] y, float[] keep, double reg, float[] grad, float[] scores, double loss) {
    gradientOfLogits(scores, grad);
    double drift = 0;
    float driftScale = (float) (2 * reg / ((double) k * d));
    for (int c = 0; c < k; c++) {
      int row = c * d;
      for (int j = 0; j < d; j++) {
        float diff = y[row + j] - y0[row + j];
        drift += (double) diff * diff;
        grad[row + j] = grad[row + j] * keep[j] + driftScale * diff;
      }
    }
    return loss + reg * drift / ((double) k * d);
  }

  /**
   * S^T = X (scale * Y * m)^T stored as K rows of N: the masked, scaled label embeddings are formed
   * once, then each logit is a dot product over d with eight independent accumulators (measured
   * faster here than axpy forms over N, which the JIT does not vectorize well).
   */
  private void logits(float[] y, float[] keep, float scale, float[] scores, float[] masked) {
    for (int c = 0; c < k; c++) {
      int row = c * d;
      for (int j = 0; j < d; j++) {
        masked[row + j] = scale * keep[j] * y[row + j];
      }
    }
    for (int c = 0; c < k; c++) {
      int out = c * n;
      int row = c * d;
      for (int i = 0; i < n; i++) {
        scores[out + i] = dot(x, i * d, masked, row, d);
      }
    }
  }

  private static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int j = 0;
    for (; j + 7 < len; j += 8) {
      s0 += a[aOff + j] * b[bOff + j];
      s1 += a[aOff + j + 1] * b[bOff + j + 1];
      s2 += a[aOff + j + 2] * b[bOff + j + 2];
      s3 += a[aOff + j + 3] * b[bOff + j + 3];
      s4 += a[aOff + j + 4] * b[bOff + j + 4];
      s5 += a[aOff + j + 5] * b[bOff + j + 5];
      s6 += a[aOff + j + 6] * b[bOff + j + 6];
      s7 += a[aOff + j + 7] * b[bOff + j + 7];
    }
    for (; j < len; j++) {
      s0 += a[aOff + j] * b[bOff + j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * grad = G X for the logit gradient G (K x N, in {@code scores}): one axpy over d per (label,
   * example), labels in blocks of four so each row of X is read once per block.
   */
  private void gradientOfLogits(float[] g, float[] grad) {
    Arrays.fill(grad, 0f);
    int c = 0;
    for (; c + 3 < k; c += 4) {
      int r0 = c * d;
      int r1 = r0 + d;
      int r2 = r1 + d;
      int r3 = r2 + d;
      for (int i = 0; i < n; i++) {
        float g0 = g[c * n + i];
        float g1 = g[(c + 1) * n + i];
        float g2 = g[(c + 2) * n + i];
        float g3 = g[(c + 3) * n + i];
        int xi = i * d;
        for (int j = 0; j < d; j++) {
          float v = x[xi + j];
          grad[r0 + j] += g0 * v;
          grad[r1 + j] += g1 * v;
          grad[r2 + j] += g2 * v;
          grad[r3 + j] += g3 * v;
        }
      }
    }
    for (; c < k; c++) {
      int row = c * d;
      for (int i = 0; i < n; i++) {
        float gi = g[c * n + i];
        int xi = i * d;
        for (int j = 0; j < d; j++) {
          grad[row + j] += gi * x[xi + j];
        }
      }
    }
  }

  private static void adamUpdate(float[] y, float[] grad, float[] m1, float[] m2, int t, double lr) {
    double c1 = 1 - Math.pow(ADAM_BETA1, t);
    double c2 = 1 - Math.pow(ADAM_BETA2, t);
    float b1 = (float) ADAM_BETA1;
    float b2 = (float) ADAM_BETA2;
    for (int i = 0; i < y.length; i++) {
      float g = grad[i];
      m1[i] = b1 * m1[i] + (1 - b1) * g;
      m2[i] = b2 * m2[i] + (1 - b2) * g * g;
      y[i] -= (float) (lr * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + ADAM_EPSILON));
    }
  }
}
