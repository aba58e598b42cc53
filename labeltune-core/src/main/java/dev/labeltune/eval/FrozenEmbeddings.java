package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.math.Vectors;
import java.util.List;
import java.util.stream.IntStream;

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

  /** @return N x K label memberships (1 where the example has the label) */
  static float[][] memberships(FewShotTask task) {
    float[][] z = targets(task);
    for (float[] row : z) {
      for (int c = 0; c < row.length; c++) {
        row[c] = row[c] > 0 ? 1f : 0f;
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
    return linear(encoder, weights, bias, Double.NaN);
  }

  /**
   * Like {@link #linear(Encoder, float[][], float[])}, but with a threshold (not NaN) it predicts
   * every label whose score reaches it, best first.
   */
  static FittedClassifier linear(Encoder encoder, float[][] weights, float[] bias, double threshold) {
    if (!Double.isNaN(threshold)) {
      return texts -> {
        float[][] x = encoder.embedBatch(texts);
        int[][] out = new int[x.length][];
        for (int i = 0; i < x.length; i++) {
          float[] s = Vectors.dotRows(weights, x[i]);
          out[i] = IntStream.range(0, s.length).filter(c -> s[c] >= threshold).boxed()
              .sorted((a, b) -> Float.compare(s[b], s[a])).mapToInt(Integer::intValue).toArray();
        }
        return out;
      };
    }
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
