package dev.labeltune.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {
  @Test
  void expectedCalibrationError_handComputed() {
    // Bin [0.6, 0.667): two examples at 0.62, one right -> |0.5 - 0.62| = 0.12, weight 2/4.
    // Bin [0.933, 1]: two examples at 0.95, both right -> |1 - 0.95| = 0.05, weight 2/4.
    float[] confidence = {0.62f, 0.62f, 0.95f, 0.95f};
    int[] gold = {0, 1, 2, 3};
    int[] predicted = {0, 0, 2, 3};
    assertThat(CalibrationMetrics.expectedCalibrationError(confidence, gold, predicted))
        .isCloseTo(0.5 * 0.12 + 0.5 * 0.05, within(1e-6));
  }

  @Test
  void expectedCalibrationError_perfectlyCalibratedIsZero() {
    float[] confidence = {1f, 1f, 0.5f, 0.5f};
    assertThat(CalibrationMetrics.expectedCalibrationError(confidence, new int[] {0, 0, 0, 1}, new int[] {0, 0, 0, 0}))
        .isCloseTo(0.0, within(1e-9));
  }
}
