package dev.labeltune.eval;

/**
 * What a {@link FittedClassifier} says about a batch of texts.
 *
 * @param labels per text, the indices of the predicted labels, best first (exactly one for
 *     single-label tasks)
 * @param confidence per text, the probability the classifier gives its top label, or null when it
 *     has no calibrated probabilities
 * @since 0.1
 */
public record BatchPrediction(int[][] labels, float[] confidence) {

  /** Validates that the arrays align. */
  public BatchPrediction {
    if (confidence != null && confidence.length != labels.length) {
      throw new IllegalArgumentException("Expected " + labels.length + " confidences, found " + confidence.length);
    }
  }
}
