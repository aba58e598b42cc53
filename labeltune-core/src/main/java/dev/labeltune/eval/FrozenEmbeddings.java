package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.Encoder;
import java.util.List;

/** Shared steps of the methods that train on frozen embeddings. */
final class FrozenEmbeddings {
  private FrozenEmbeddings() {}

  /** @return the task's examples embedded, N x d */
  static float[][] examples(Encoder encoder, FewShotTask task) {
    return encoder.embedBatch(task.examples().stream().map(LabeledText::text).toList());
  }

  /**
   * Targets of the examples: one-hot for single labels, spread evenly over a multi-label example's
   * labels.
   *
   * @return N x K target distributions
   */
  static float[][] targets(FewShotTask task) {
    List<String> labels = task.labels();
    float[][] z = new float[task.examples().size()][labels.size()];
    for (int i = 0; i < z.length; i++) {
      List<String> gold = task.examples().get(i).labels();
      for (String l : gold) {
        int c = labels.indexOf(l);
        if (c < 0) {
          throw new IllegalArgumentException("Example " + i + " has label '" + l + "', which is not one of the task's "
              + labels);
        }
        z[i][c] = 1f / gold.size();
      }
    }
    return z;
  }

  /**
   * A classifier scoring {@code W x + b} on the encoder's embeddings and predicting the argmax.
   *
   * @param bias K intercepts, or null for none
   */
  static FittedClassifier linear(Encoder encoder, float[][] weights, float[] bias) {
    return texts -> {
      float[][] x = encoder.embedBatch(texts);
      int[][] out = new int[x.length][];
      for (int i = 0; i < x.length; i++) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < weights.length; c++) {
          float s = bias == null ? 0f : bias[c];
          for (int j = 0; j < x[i].length; j++) {
            s += weights[c][j] * x[i][j];
          }
          if (s > bestScore) {
            bestScore = s;
            best = c;
          }
        }
        out[i] = new int[] {best};
      }
      return out;
    };
  }
}
