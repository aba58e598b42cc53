package dev.labeltune.metrics;

/** Calibration metrics of predicted probabilities. */
public final class CalibrationMetrics {
  private static final int BINS = 15;

  private CalibrationMetrics() {}

  /**
   * Expected calibration error: the example-weighted mean, over 15 equal-width confidence bins, of
   * |accuracy - mean confidence| of the top label.
   *
   * @param confidence probability of the predicted label, per example
   * @param gold gold label index per example
   * @param predicted predicted label index per example
   * @return the ECE as a fraction in [0, 1]
   */
  public static double expectedCalibrationError(float[] confidence, int[] gold, int[] predicted) {
    if (confidence.length != gold.length || gold.length != predicted.length || gold.length == 0) {
      throw new IllegalArgumentException("Expected equal, non-zero lengths, found " + confidence.length + ", "
          + gold.length + " and " + predicted.length);
    }
    double[] sumConfidence = new double[BINS];
    long[] correct = new long[BINS];
    long[] count = new long[BINS];
    for (int i = 0; i < gold.length; i++) {
      int bin = Math.min(BINS - 1, (int) (confidence[i] * BINS));
      sumConfidence[bin] += confidence[i];
      correct[bin] += gold[i] == predicted[i] ? 1 : 0;
      count[bin]++;
    }
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        ece += Math.abs((double) correct[b] / count[b] - sumConfidence[b] / count[b]) * count[b] / gold.length;
      }
    }
    return ece;
  }
}
