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
}
