package dev.labeltune.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.eval.ActiveLearningSimulation.Curve;
import dev.labeltune.eval.ActiveLearningSimulation.Setup;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Vectors;
import dev.labeltune.tuning.LabelTunerOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActiveLearningSimulationTest {
  private static final int D = 6;
  private static final int K = 3;

  /**
   * Three labels whose texts cluster around the first three axes; the zero-shot prior points label
   * c at axis (c + 1) mod 3, so it is wrong on every text until examples correct it.
   */
  private static Setup wrongPrior() {
    float[][] prior = new float[K][D];
    for (int c = 0; c < K; c++) {
      prior[c][(c + 1) % K] = 1;
      prior[c][3 + c] = 0.2f;
      Vectors.normalizeInPlace(prior[c]);
    }
    TaskHead zeroShot = TaskHead.of(List.of("a", "b", "c"), List.of("a", "b", "c"), prior, 0.05, Double.NaN,
        new HeadProvenance("fake", "sha256:fake", D, "zero-shot", Optional.empty(), Double.NaN, Double.NaN, 0,
            HeadProvenance.CURRENT_VERSION, Instant.parse("2026-12-04T00:00:00Z")));
    SplittableRandom random = new SplittableRandom(11);
    float[][] pool = new float[300][];
    int[] poolGold = new int[300];
    float[][] test = new float[90][];
    int[] testGold = new int[90];
    for (int i = 0; i < pool.length; i++) {
      poolGold[i] = i % K;
      pool[i] = text(poolGold[i], random);
    }
    for (int i = 0; i < test.length; i++) {
      testGold[i] = i % K;
      test[i] = text(testGold[i], random);
    }
    return new Setup(zeroShot, pool, poolGold, test, testGold);
  }

  private static float[] text(int label, SplittableRandom random) {
    float[] v = new float[D];
    for (int j = 0; j < D; j++) {
      v[j] = (float) (random.nextGaussian() * 0.15);
    }
    v[label] += 1;
    return Vectors.normalizeInPlace(v);
  }

  @Test
  void everyStrategyLearnsTheTaskTheZeroShotPriorGotWrong() {
    Setup setup = wrongPrior();
    for (SelectionStrategy strategy : SelectionStrategy.values()) {
      Curve curve = ActiveLearningSimulation.run(setup, strategy, 4, 3, 1, LabelTunerOptions.defaults());
      assertThat(curve.labeled()).as(strategy.label()).containsExactly(0, 4, 8, 12);
      assertThat(curve.macroF1()[0]).as("zero-shot is wrong everywhere").isLessThan(0.05);
      assertThat(curve.macroF1()[3]).as(strategy.label() + " after 12 labels").isGreaterThan(0.9);
      assertThat(curve.selectSeconds()).hasSize(3);
      assertThat(curve.tuneSeconds()).hasSize(3);
    }
  }

  @Test
  void sameSeedSameCurve() {
    Setup setup = wrongPrior();
    Curve first = ActiveLearningSimulation.run(setup, SelectionStrategy.KMEANS_MARGIN, 4, 2, 5,
        LabelTunerOptions.defaults());
    Curve second = ActiveLearningSimulation.run(setup, SelectionStrategy.KMEANS_MARGIN, 4, 2, 5,
        LabelTunerOptions.defaults());
    assertThat(second.macroF1()).containsExactly(first.macroF1());
  }

  @Test
  void areaIsTheMeanOfTheCurveOverTheLabeledCount() {
    Curve curve = new Curve(SelectionStrategy.RANDOM, 0, new int[] {0, 8, 16}, new double[] {0.2, 0.6, 0.8},
        new double[2], new double[2]);
    assertThat(curve.area()).isCloseTo((8 * 0.4 + 8 * 0.7) / 16, offset(1e-12));
    assertThat(curve.at(16)).isEqualTo(0.8);
    assertThat(curve.at(24)).isNaN();
  }

  @Test
  void thePoolRunningOutEndsTheCurve() {
    Setup full = wrongPrior();
    Setup small = new Setup(full.zeroShot(), Arrays.copyOf(full.pool(), 6),
        Arrays.copyOf(full.poolGold(), 6), full.test(), full.testGold());
    Curve curve = ActiveLearningSimulation.run(small, SelectionStrategy.MARGIN, 4, 5, 0, LabelTunerOptions.defaults());
    assertThat(curve.labeled()).containsExactly(0, 4, 6);
  }

  @Test
  void refusesMismatchedGold() {
    Setup setup = wrongPrior();
    assertThatThrownBy(() -> new Setup(setup.zeroShot(), setup.pool(), new int[3], setup.test(), setup.testGold()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one gold label per embedding");
    assertThatThrownBy(() -> new Setup(setup.zeroShot(), setup.pool(), setup.poolGold(), setup.test(),
        new int[setup.test().length - 1])).isInstanceOf(IllegalArgumentException.class);
    int[] bad = setup.testGold().clone();
    bad[0] = 7;
    assertThatThrownBy(() -> new Setup(setup.zeroShot(), setup.pool(), setup.poolGold(), setup.test(), bad))
        .hasMessageContaining("Gold label index 7");
  }
}
