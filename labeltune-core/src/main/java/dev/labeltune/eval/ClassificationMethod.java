package dev.labeltune.eval;

/**
 * A way of building a classifier from a few-shot task; the unit the evaluation protocol compares.
 *
 * @since 0.1
 */
public interface ClassificationMethod {

  /** @return the method's name as the {@code eval --method} option spells it */
  String name();

  /**
   * @param task labels, examples and wording
   * @param seed seed for every stochastic step
   * @return a classifier ready to predict
   */
  FittedClassifier fit(FewShotTask task, long seed);
}
