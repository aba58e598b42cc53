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
 * row-major arrays in the order that lets the JIT vectorize the inner loops: logits are built as
 * S^T (K x N) from X^T, one axpy over N per kept dimension, and the gradient as one axpy over d per
 * (label, example). Buffers are allocated once per run, never per step.
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
  private final float[] xt;
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
    this.xt = new float[d * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xt[j * n + i] = x[i * d + j];
      }
    }
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
    int[] kept = new int[d];
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
      int keptCount = sampleMask(config.dropout(), random, keep, kept);
      lossAndGradient(y, keep, kept, keptCount, config.scale(), config.regularization(), grad, scores);
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

  private int sampleMask(double dropout, SplittableRandom random, float[] keep, int[] kept) {
    int count = 0;
    for (int j = 0; j < d; j++) {
      boolean on = dropout == 0 || random.nextDouble() >= dropout;
      keep[j] = on ? 1f : 0f;
      if (on) {
        kept[count++] = j;
      }
    }
    return count;
  }

  /**
   * Loss and gradient at Y for a fixed dimension mask.
   *
   * @param y K x d label embeddings
   * @param keep d-vector of 0/1
   * @param kept indices of the ones in {@code keep}
   * @param keptCount how many
   * @param scale logit scale
   * @param reg drift weight
   * @param grad receives dL/dY (K x d)
   * @param scores scratch of K x N floats
   * @return the loss
   */
  double lossAndGradient(float[] y, float[] keep, int[] kept, int keptCount, double scale, double reg,
      float[] grad, float[] scores) {
    logits(y, kept, keptCount, (float) scale, scores);
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
   * S^T = scale * (Y * m) X^T, as K rows of N: for each kept dimension, one axpy over N per label.
   * Labels go in blocks of four so each row of X^T is read once per block while the four score rows
   * stay in L1.
   */
  private void logits(float[] y, int[] kept, int keptCount, float scale, float[] scores) {
    Arrays.fill(scores, 0f);
    int c = 0;
    for (; c + 3 < k; c += 4) {
      int o0 = c * n;
      int o1 = o0 + n;
      int o2 = o1 + n;
      int o3 = o2 + n;
      for (int t = 0; t < keptCount; t++) {
        int j = kept[t];
        float a0 = scale * y[c * d + j];
        float a1 = scale * y[(c + 1) * d + j];
        float a2 = scale * y[(c + 2) * d + j];
        float a3 = scale * y[(c + 3) * d + j];
        int col = j * n;
        for (int i = 0; i < n; i++) {
          float v = xt[col + i];
          scores[o0 + i] += a0 * v;
          scores[o1 + i] += a1 * v;
          scores[o2 + i] += a2 * v;
          scores[o3 + i] += a3 * v;
        }
      }
    }
    for (; c < k; c++) {
      int out = c * n;
      for (int t = 0; t < keptCount; t++) {
        int j = kept[t];
        float a = scale * y[c * d + j];
        int col = j * n;
        for (int i = 0; i < n; i++) {
          scores[out + i] += a * xt[col + i];
        }
      }
    }
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
