package dev.labeltune.eval;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.tuning.LogisticRegression;
import java.util.List;
import java.util.Objects;

/**
 * The logistic-regression baseline on frozen embeddings (SetFit's head without its contrastive
 * fine-tuning), with scikit-learn's default regularization C = 1.
 *
 * @since 0.1
 */
public final class LogisticRegressionMethod implements ClassificationMethod, DistillationMethod.Teacher {
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
    LogisticRegression lr = train(task);
    return FrozenEmbeddings.linear(encoder, lr.weights(), lr.bias(), Double.NaN, 1.0);
  }

  @Override
  public float[][] probabilities(FewShotTask task, long seed, List<String> texts) {
    LogisticRegression lr = train(task);
    float[][] x = encoder.embedBatch(texts);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] p = lr.probabilities(x[i]);
      out[i] = new float[p.length];
      for (int c = 0; c < p.length; c++) {
        out[i][c] = (float) p[c];
      }
    }
    return out;
  }

  private LogisticRegression train(FewShotTask task) {
    return LogisticRegression.fit(FrozenEmbeddings.examples(encoder, task), FrozenEmbeddings.targets(task),
        LogisticRegression.DEFAULT_C);
  }
}
