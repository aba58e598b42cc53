package dev.labeltune.eval;

import java.util.List;

/**
 * A classifier produced by a {@link ClassificationMethod}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FittedClassifier extends AutoCloseable {

  /**
   * @param texts texts to classify
   * @return the predicted label indices (into the task's labels) and, when calibrated, the top
   *     label's probability
   */
  BatchPrediction predict(List<String> texts);

  /** Releases what the classifier holds (e.g. a tuned encoder); does nothing by default. */
  @Override
  default void close() {}

  /**
   * @return the training steps skipped for a non-finite gradient while fitting; 0 for methods that
   *     do not back-propagate through a network
   */
  default int skippedSteps() {
    return 0;
  }

  /**
   * @param steps the training steps the fitting skipped
   * @return this classifier, reporting them as {@link #skippedSteps()}
   */
  default FittedClassifier reportingSkippedSteps(int steps) {
    FittedClassifier inner = this;
    return new FittedClassifier() {
      @Override
      public BatchPrediction predict(List<String> texts) {
        return inner.predict(texts);
      }

      @Override
      public void close() {
        inner.close();
      }

      @Override
      public int skippedSteps() {
        return steps;
      }
    };
  }
}
