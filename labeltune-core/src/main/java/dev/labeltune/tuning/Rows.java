package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.Arrays;

/** Rows of examples and scores as label tuning passes them around: picked by index, flat or nested. */
final class Rows {
  private Rows() {}

  /** @return the indices 0..n-1 */
  static int[] all(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** @return the rows {@code rows} of x, shared, not copied */
  static float[][] pick(float[][] x, int[] rows) {
    float[][] out = new float[rows.length][];
    Arrays.setAll(out, r -> x[rows[r]]);
    return out;
  }

  /** @return the rows {@code rows} of a row-major matrix of the given width, copied */
  static float[] pick(float[] m, int[] rows, int width) {
    float[] out = new float[rows.length * width];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(m, rows[r] * width, out, r * width, width);
    }
    return out;
  }

  /** @return a row-major matrix as rows of the given width */
  static float[][] split(float[] flat, int width) {
    float[][] out = new float[flat.length / width][];
    Arrays.setAll(out, r -> Arrays.copyOfRange(flat, r * width, (r + 1) * width));
    return out;
  }

  /** Writes the raw scores of the examples {@code which} against the labels y into row-major {@code out}. */
  static void writeScores(float[][] x, int[] which, float[][] y, float[] out) {
    int k = y.length;
    for (int i : which) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = Vectors.dot(x[i], y[c]);
      }
    }
  }
}
