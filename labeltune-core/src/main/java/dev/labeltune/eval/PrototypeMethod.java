package dev.labeltune.eval;

import dev.labeltune.encoder.Encoder;
import java.util.Objects;

/**
 * The prototype baseline: each label is the mean embedding of its examples (a label without
 * examples keeps its zero-shot embedding); texts go to the label with the highest dot product.
 *
 * @since 0.1
 */
public final class PrototypeMethod implements ClassificationMethod {
  private final Encoder encoder;
  private final ZeroShotMethod zeroShot;

  /**
   * @param encoder the shared encoder
   * @param zeroShot gives label embeddings to labels without examples
   */
  public PrototypeMethod(Encoder encoder, ZeroShotMethod zeroShot) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.zeroShot = Objects.requireNonNull(zeroShot, "zeroShot");
  }

  @Override
  public String name() {
    return "prototype";
  }

  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    float[][] x = FrozenEmbeddings.examples(encoder, task);
    float[][] z = FrozenEmbeddings.targets(task);
    float[][] prototypes = zeroShot.classifier(task).labelEmbeddings();
    int d = prototypes[0].length;
    for (int c = 0; c < prototypes.length; c++) {
      double weight = 0;
      float[] sum = new float[d];
      for (int i = 0; i < x.length; i++) {
        if (z[i][c] > 0) {
          weight += z[i][c];
          for (int j = 0; j < d; j++) {
            sum[j] += z[i][c] * x[i][j];
          }
        }
      }
      if (weight > 0) {
        for (int j = 0; j < d; j++) {
          prototypes[c][j] = (float) (sum[j] / weight);
        }
      }
    }
    return FrozenEmbeddings.linear(encoder, prototypes, null, Double.NaN, Double.NaN);
  }
}
