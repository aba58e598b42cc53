package dev.labeltune.eval;

import java.util.List;

/**
 * A classifier produced by a {@link ClassificationMethod}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FittedClassifier {

  /**
   * @param texts texts to classify
   * @return per text, the indices (into the task's labels) of the predicted labels, best first:
   *     exactly one for single-label tasks
   */
  int[][] predict(List<String> texts);
}
