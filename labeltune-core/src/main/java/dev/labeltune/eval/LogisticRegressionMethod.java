package dev.labeltune.eval;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.tuning.LogisticRegression;
import java.util.Objects;

/**
 * The logistic-regression baseline on frozen embeddings (SetFit's head without its contrastive
 * fine-tuning), with scikit-learn's default regularization C = 1.
 *
 * @since 0.1
 */
public final class LogisticRegressionMethod implements ClassificationMethod {
  private final Encoder encoder;

  /** @param encoder the shared encoder */
  public LogisticRegressionMethod(Encoder encoder) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  @Override
  public String name() {
    return "logreg";
  }

  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    LogisticRegression lr = LogisticRegression.fit(FrozenEmbeddings.examples(encoder, task),
        FrozenEmbeddings.targets(task), LogisticRegression.DEFAULT_C);
    return FrozenEmbeddings.linear(encoder, lr.weights(), lr.bias());
  }
}
