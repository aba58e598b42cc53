package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The second form of label tuning's math ({@link LabelTuningObjective} is its home and reference), kept
 * for speed: plain gradient-descent label tuning of several configurations on the same training fold, in
 * lockstep: each step stacks every run's masked, scaled label matrix into one (runs x K) x d matrix,
 * so the logits of all runs are one product with the fold's embeddings and their gradients another,
 * large enough for ONNX Runtime's matrix multiply instead of many small ones. A dimension mask on the
 * label side equals the same mask on the text side inside a dot product, so masking the stacked rows
 * is exact. Each run keeps its own random stream, step by step as {@link LabelTuningObjective}
 * draws it, so the results are the same up to rounding (the softmax runs in single precision in the
 * runtime). Single-label softmax targets only.
 */
final class StackedDescent {
  /** One configuration's run: its seed, the step counts it reports at, and where. */
  record Run(LabelTuningConfig config, long seed, int[] checkpoints, LabelTuningObjective.Checkpoint checkpoint) {}

  private StackedDescent() {}

  /**
   * Below this many multiply-adds per product, calling ONNX Runtime costs more than it saves (4
   * labels x 8 shots ran 2.4x slower stacked; 77 x 8, 40 million multiply-adds a product, 1.9x
   * faster).
   */
  private static final long MIN_PRODUCT = 4_000_000;

  /**
   * @param grid the configurations
   * @param rows stacked label rows (configuration groups x labels)
   * @param n examples
   * @param d dimensions
   * @return whether the grid runs stacked: plain gradient descent throughout, and products large
   *     enough to gain from a matrix multiply
   */
  static boolean applies(List<LabelTuningConfig> grid, int rows, int n, int d) {
    return grid.stream().allMatch(c -> c.optimizer() == LabelTuningConfig.Optimizer.GD)
        && (long) rows * n * d >= MIN_PRODUCT;
  }

  /**
   * @param products the fold's step, made for these runs and the fold's embeddings and targets
   * @param n examples in the fold
   * @param y0 K x d zero-shot label embeddings
   * @param runs the configurations to run; each runs to its own step count
   */
  static void fit(FoldProducts products, int n, float[][] y0, List<Run> runs) {
    int k = y0.length;
    int d = y0[0].length;
    int r = runs.size();
    int m = r * k;
    float[][][] y = new float[r][][];
    float[][] keep = new float[r][d];
    SplittableRandom[] random = new SplittableRandom[r];
    int[] next = new int[r];
    int maxSteps = 0;
    for (int g = 0; g < r; g++) {
      y[g] = Vectors.copy(y0);
      random[g] = new SplittableRandom(runs.get(g).seed());
      maxSteps = Math.max(maxSteps, runs.get(g).config().steps());
    }
    float[] stacked = new float[m * d];
    float[] columnScale = new float[m];
    for (int g = 0; g < r; g++) {
      Arrays.fill(columnScale, g * k, (g + 1) * k, (float) (runs.get(g).config().scale() / n));
    }
    for (int step = 0; step <= maxSteps; step++) {
      for (int g = 0; g < r; g++) {
        Run run = runs.get(g);
        while (next[g] < run.checkpoints().length && run.checkpoints()[next[g]] == step) {
          run.checkpoint().reached(step, y[g]);
          next[g]++;
        }
      }
      if (step == maxSteps) {
        break;
      }
      for (int g = 0; g < r; g++) {
        LabelTuningConfig config = runs.get(g).config();
        LabelTuningObjective.sampleMask(config.dropout(), random[g], keep[g]);
        float scale = (float) config.scale();
        for (int c = 0; c < k; c++) {
          float[] row = y[g][c];
          int base = (g * k + c) * d;
          for (int j = 0; j < d; j++) {
            stacked[base + j] = scale * row[j] * keep[g][j];
          }
        }
      }
      float[] gradients = products.gradients(stacked, columnScale);
      for (int g = 0; g < r; g++) {
        LabelTuningConfig config = runs.get(g).config();
        if (step >= config.steps()) {
          continue;
        }
        float lr = (float) config.learningRate();
        float driftScale = LabelTuningObjective.driftScale(config.regularization(), k, d);
        for (int c = 0; c < k; c++) {
          float[] row = y[g][c];
          float[] start = y0[c];
          int base = (g * k + c) * d;
          for (int j = 0; j < d; j++) {
            float grad = LabelTuningObjective.gradientElement(gradients[base + j], keep[g][j], row[j] - start[j],
                driftScale);
            row[j] += -lr * grad;
          }
        }
      }
    }
  }
}
