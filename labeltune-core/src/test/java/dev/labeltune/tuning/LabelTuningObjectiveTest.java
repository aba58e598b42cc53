package dev.labeltune.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.labeltune.math.Vectors;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelTuningObjectiveTest {
  private static float[][] rows(float[] flat, int width) {
    float[][] out = new float[flat.length / width][width];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(flat, r * width, out[r], 0, width);
    }
    return out;
  }

  private static float[] gaussian(int size, Random r, double sd) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (r.nextGaussian() * sd);
    }
    return v;
  }

  /** Soft targets: random distributions per row. */
  private static float[] softTargets(int n, int k, Random r) {
    float[] z = new float[n * k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        z[i * k + c] = (float) r.nextDouble();
        sum += z[i * k + c];
      }
      for (int c = 0; c < k; c++) {
        z[i * k + c] /= (float) sum;
      }
    }
    return z;
  }

  @Test
  void lossAndGradient_matchesFiniteDifferences() {
    checkGradient(false);
  }

  @Test
  void lossAndGradient_multiLabelMatchesFiniteDifferences() {
    checkGradient(true);
  }

  private static void checkGradient(boolean multiLabel) {
    Random r = new Random(3);
    int n = 7;
    int k = 3;
    int d = 5;
    float[] x = gaussian(n * d, r, 1);
    float[] y0 = gaussian(k * d, r, 1);
    LabelTuningObjective objective = new LabelTuningObjective(rows(x, d), softTargets(n, k, r), rows(y0, d), multiLabel);
    float[][] y = new float[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        y[c][j] = y0[c * d + j] + (float) r.nextGaussian() * 0.5f;
      }
    }
    float[] keep = {1, 0, 1, 1, 0};
    double scale = 2.5;
    double reg = 0.7;
    float[][] grad = new float[k][d];
    float[][] scratch = new float[k][n];
    objective.lossAndGradient(y, keep, scale, reg, grad, scratch);
    float[][] ignored = new float[k][d];
    double h = 1e-2;
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        float old = y[c][j];
        y[c][j] = (float) (old + h);
        double up = objective.lossAndGradient(y, keep, scale, reg, ignored, scratch);
        y[c][j] = (float) (old - h);
        double down = objective.lossAndGradient(y, keep, scale, reg, ignored, scratch);
        y[c][j] = old;
        assertThat(grad[c][j]).as("label %d dim %d", c, j).isCloseTo((float) ((up - down) / (2 * h)), within(2e-3f));
      }
    }
  }

  @Test
  void fit_recoversSeparatingLabelVectors() {
    // Three well-separated clusters; the zero-shot label vectors start pointing the wrong way.
    Random r = new Random(11);
    int k = 3;
    int d = 8;
    int perClass = 10;
    int n = k * perClass;
    float[] centers = new float[k * d];
    for (int c = 0; c < k; c++) {
      centers[c * d + c] = 1f;
    }
    float[] x = new float[n * d];
    float[] z = new float[n * k];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      z[i * k + c] = 1f;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centers[c * d + j] + (float) r.nextGaussian() * 0.1f;
      }
    }
    float[] y0 = new float[k * d];
    for (int c = 0; c < k; c++) {
      y0[c * d + (c + 1) % k] = 1f;
    }
    LabelTuningObjective objective = new LabelTuningObjective(rows(x, d), z, rows(y0, d), false);
    LabelTuningConfig config = new LabelTuningConfig(0.1, 0.0, 0.1, 300, 5.0, LabelTuningConfig.Optimizer.ADAM);
    float[][] y = objective.fit(config, 1, new int[0], (s, v) -> { });
    for (int i = 0; i < n; i++) {
      int best = 0;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        float s = 0;
        for (int j = 0; j < d; j++) {
          s += x[i * d + j] * y[c][j];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assertThat(best).as("example %d", i).isEqualTo(i % k);
    }
  }

  @Test
  void fit_multiLabelLearnsIndependentLabels() {
    // Label c is present when coordinate c is positive; examples may have 0, 1 or 2 labels.
    Random r = new Random(21);
    int k = 2;
    int d = 4;
    int n = 40;
    float[] x = new float[n * d];
    float[] z = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) r.nextGaussian();
      }
      x[i * d + 3] = 1f;
      for (int c = 0; c < k; c++) {
        z[i * k + c] = x[i * d + c] > 0 ? 1f : 0f;
      }
    }
    LabelTuningObjective objective = new LabelTuningObjective(rows(x, d), z, new float[k][d], true);
    float[][] y = objective.fit(new LabelTuningConfig(0.05, 0, 0, 400, 5, LabelTuningConfig.Optimizer.ADAM), 1,
        new int[0], (s, v) -> { });
    int errors = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        float s = 0;
        for (int j = 0; j < d; j++) {
          s += x[i * d + j] * y[c][j];
        }
        errors += (s > 0) == (z[i * k + c] > 0) ? 0 : 1;
      }
    }
    assertThat(errors).isLessThanOrEqualTo(2);
  }

  @Test
  void fit_sameSeedSameResultAndCheckpointsSeeIntermediateStates() {
    Random r = new Random(5);
    int n = 12;
    int k = 3;
    int d = 6;
    float[] x = gaussian(n * d, r, 1);
    float[] y0 = gaussian(k * d, r, 1);
    float[] z = softTargets(n, k, r);
    LabelTuningObjective objective = new LabelTuningObjective(rows(x, d), z, rows(y0, d), false);
    LabelTuningConfig config = LabelTuningConfig.paper(0.5, 0.1, 0.1, 20);
    float[][][] atTen = new float[1][][];
    float[][][] atZero = new float[1][][];
    float[][] a = objective.fit(config, 42, new int[] {0, 10}, (s, v) -> {
      if (s == 0) {
        atZero[0] = Vectors.copy(v);
      } else {
        atTen[0] = Vectors.copy(v);
      }
    });
    assertThat(objective.fit(config, 42, new int[0], (s, v) -> { })).isDeepEqualTo(a);
    assertThat(Arrays.deepEquals(objective.fit(config, 43, new int[0], (s, v) -> { }), a)).isFalse();
    assertThat(atZero[0]).isDeepEqualTo(rows(y0, d));
    assertThat(objective.fit(config.withSteps(10), 42, new int[0], (s, v) -> { })).isDeepEqualTo(atTen[0]);
  }
}
