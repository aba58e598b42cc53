package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.math.Vectors;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shared steps of the methods that train on frozen embeddings.
 *
 * @since 0.1
 */
public final class FrozenEmbeddings {
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
   * {@link #linear} on an encoder the classifier owns, such as a tuned one opened for it: closing the
   * classifier closes the encoder.
   */
  public static FittedClassifier linearOwning(Encoder encoder, float[][] weights, float[] bias, double threshold,
      double temperature) {
    FittedClassifier linear = linear(encoder, weights, bias, threshold, temperature);
    return new FittedClassifier() {
      @Override
      public BatchPrediction predict(List<String> texts) {
        return linear.predict(texts);
      }

      @Override
      public void close() {
        encoder.close();
      }
    };
  }

  /**
   * A classifier scoring {@code W x + b} on the encoder's embeddings.
   *
   * @param bias K intercepts, or null for none
   * @param threshold NaN to predict the argmax; otherwise the argmax and every label whose score
   *     reaches the threshold are predicted, best first
   * @param temperature softmax temperature giving the top label's confidence, or NaN when the
   *     scores are not calibrated probabilities
   */
  public static FittedClassifier linear(Encoder encoder, float[][] weights, float[] bias, double threshold,
      double temperature) {
    return texts -> {
      float[][] x = encoder.embedBatch(texts);
      int[][] labels = new int[x.length][];
      float[] confidence = Double.isNaN(temperature) ? null : new float[x.length];
      float[][] scores = Vectors.dotRows(weights, x);
      for (int i = 0; i < x.length; i++) {
        float[] s = scores[i];
        if (bias != null) {
          for (int c = 0; c < s.length; c++) {
            s[c] += bias[c];
          }
        }
        if (Double.isNaN(threshold)) {
          labels[i] = new int[] {Vectors.argmax(s)};
        } else {
          int top = Vectors.argmax(s);
          labels[i] = IntStream.range(0, s.length).filter(c -> c == top || s[c] >= threshold).boxed()
              .sorted((a, b) -> Float.compare(s[b], s[a])).mapToInt(Integer::intValue).toArray();
        }
        if (confidence != null) {
          double top = s[Vectors.argmax(s)];
          confidence[i] = (float) (Double.isNaN(threshold) ? Vectors.softmax(s, temperature)[Vectors.argmax(s)]
              : 1 / (1 + Math.exp(-(top - threshold) / temperature)));
        }
      }
      return new BatchPrediction(labels, confidence);
    };
  }
}
