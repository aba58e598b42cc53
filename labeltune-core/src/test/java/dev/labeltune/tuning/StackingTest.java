package dev.labeltune.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StackingTest {
  @Test
  void weights_dropANoiseCandidateAndScaleAWeakButRightOne() {
    int n = 200;
    int right = 0;
    int k = 2;
    Random r = new Random(3);
    float[] targets = new float[n * k];
    float[] weakRight = new float[n * k];
    float[] noise = new float[n * k];
    for (int i = 0; i < n; i++) {
      int y = i % 2;
      targets[i * k + y] = 1;
      // Right 90 % of the time, but with margins of 0.1: it needs a weight far above 1.
      int said = r.nextDouble() < 0.9 ? y : 1 - y;
      right += said == y ? 1 : 0;
      weakRight[i * k + said] = 0.1f;
      noise[i * k + r.nextInt(2)] = 1f;
    }
    double[] a = Stacking.weights(new float[][] {noise, weakRight}, targets, n, k);
    assertThat(a[0]).isLessThan(0.05);
    // The log-loss optimum of a margin m right on a fraction p of the texts: m * a = ln(p / (1 - p)).
    assertThat(a[1]).isCloseTo(Math.log((double) right / (n - right)) / 0.1, org.assertj.core.data.Offset.offset(0.5));
    assertThat(Stacking.weights(new float[][] {noise, weakRight}, targets, n, k)).containsExactly(a);
  }
}
