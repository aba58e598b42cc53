package dev.labeltune.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StackedDescentTest {

  private static float[][] gaussian(int rows, int d, SplittableRandom random) {
    float[][] out = new float[rows][d];
    for (float[] row : out) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (random.nextGaussian() / Math.sqrt(d));
      }
    }
    return out;
  }

  /**
   * The two forms of label tuning's math: {@link LabelTuningObjective}, the reference, and the lockstep
   * runs with their products in ONNX Runtime. The first step and every later checkpoint agree.
   */
  @Test
  void lockstepRunsEqualSeparateRunsAtEveryCheckpoint() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 48;
    int k = 4;
    int d = 32;
    float[][] x = gaussian(n, d, random);
    float[][] y0 = gaussian(k, d, random);
    float[] z = new float[n * k];
    for (int i = 0; i < n; i++) {
      z[i * k + i % k] = 1f;
    }
    List<LabelTuningConfig> configs = List.of(LabelTuningConfig.paper(0.5, 0.1, 0.1, 300),
        LabelTuningConfig.paper(0.05, 0.01, 0.01, 200), LabelTuningConfig.paper(0.5, 0.01, 0.0, 300));
    int[][] checkpoints = {{1, 100, 300}, {1, 200}, {0, 1, 300}};
    Map<String, float[][]> separate = new HashMap<>();
    Map<String, float[][]> stacked = new HashMap<>();
    List<StackedDescent.Run> runs = new ArrayList<>();
    for (int g = 0; g < configs.size(); g++) {
      int run = g;
      new LabelTuningObjective(x, z, y0, false).fit(configs.get(g), 17 + g, checkpoints[g],
          (steps, y) -> separate.put(run + "@" + steps, dev.labeltune.math.Vectors.copy(y)));
      runs.add(new StackedDescent.Run(configs.get(g), 17 + g, checkpoints[g],
          (steps, y) -> stacked.put(run + "@" + steps, dev.labeltune.math.Vectors.copy(y))));
    }
    try (FoldProducts products = new FoldProducts(x, z, runs.size(), k, 1)) {
      StackedDescent.fit(products, n, y0, runs);
    }
    assertThat(stacked.keySet()).isEqualTo(separate.keySet()).hasSize(8);
    for (String key : separate.keySet()) {
      float[][] a = separate.get(key);
      float[][] b = stacked.get(key);
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          assertThat(Math.abs(a[c][j] - b[c][j])).as("%s label %d dim %d", key, c, j).isLessThan(1e-5f);
        }
      }
    }
    // The runs moved, from the first step on: equal results are not equal starting points.
    assertThat(Math.abs(separate.get("0@300")[0][0] - y0[0][0])).isGreaterThan(1e-3f);
    assertThat(separate.get("1@1")[0]).isNotEqualTo(y0[0]);
  }

  @Test
  void labelTunerRunsAPlainDescentGridStacked_reproducibly() {
    SplittableRandom random = new SplittableRandom(9);
    int k = 32;
    int shots = 8;
    int d = 384;
    float[][] y0 = gaussian(k, d, random);
    float[][] x = new float[k * shots][];
    int[] labels = new int[k * shots];
    for (int i = 0; i < x.length; i++) {
      labels[i] = i % k;
      x[i] = y0[labels[i]].clone();
      for (int j = 0; j < d; j++) {
        x[i][j] += (float) (0.3 * random.nextGaussian() / Math.sqrt(d));
      }
    }
    // Two groups of plain descent, big enough (64 rows x 192 examples x 384) to run stacked.
    LabelTunerOptions options = new LabelTunerOptions(List.of(LabelTuningConfig.paper(0.5, 0.1, 0.1, 40),
        LabelTuningConfig.paper(0.5, 0.1, 0.1, 80), LabelTuningConfig.paper(0.05, 0.01, 0.01, 80)), 4, false, 3, 2);
    LabelTuningResult first = new LabelTuner(options).tune(x, labels, y0);
    LabelTuningResult second = new LabelTuner(options).tune(x, labels, y0);
    assertThat(first.config()).isPresent().isEqualTo(second.config());
    assertThat(first.cvMacroF1()).isEqualTo(second.cvMacroF1()).isGreaterThan(50);
    float[][] a = first.labelEmbeddings();
    float[][] b = second.labelEmbeddings();
    for (int c = 0; c < k; c++) {
      assertThat(a[c]).containsExactly(b[c]);
    }
  }
}
