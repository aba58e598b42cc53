package dev.labeltune.math;

/**
 * Small dense-vector kernels over {@code float[]} used by scoring and pooling. All methods are
 * allocation-free unless they return a new array.
 *
 * @since 0.1
 */
public final class Vectors {
  private Vectors() {}

  /**
   * Dot product of two vectors of equal length.
   *
   * @param a first vector
   * @param b second vector
   * @return the sum of element-wise products
   * @throws IllegalArgumentException if the lengths differ
   */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "Vectors must have the same dimension, found " + a.length + " and " + b.length);
    }
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    // Four accumulators let the JIT pipeline the multiply-adds.
    for (; i + 3 < a.length; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < a.length; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * A deep copy of a matrix, for value types that copy arrays on the way in and out.
   *
   * @param m the rows
   * @return new row arrays with the same values
   */
  public static float[][] copy(float[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  /**
   * Euclidean norm.
   *
   * @param v the vector
   * @return its L2 norm
   */
  public static float norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return (float) Math.sqrt(s);
  }

  /**
   * Scales {@code v} in place to unit L2 norm; a zero vector is left unchanged.
   *
   * @param v the vector to normalize
   * @return {@code v}
   */
  public static float[] normalizeInPlace(float[] v) {
    float n = norm(v);
    if (n > 0f) {
      float inv = 1f / n;
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  /**
   * Scores of one vector against every row of a matrix: {@code out[k] = rows[k] . v}.
   *
   * @param rows the K x d matrix
   * @param v a d-vector
   * @return K dot products
   */
  public static float[] dotRows(float[][] rows, float[] v) {
    float[] out = new float[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = dot(rows[k], v);
    }
    return out;
  }

  /**
   * Scores of many vectors against every row of a matrix: {@code out[i][k] = rows[k] . vectors[i]}.
   * Vectors go in blocks of four, so each matrix row is read from memory once per block: with
   * thousands of rows the matrix no longer fits in cache, and this keeps scoring from becoming
   * memory-bound.
   *
   * @param rows the K x d matrix
   * @param vectors N d-vectors
   * @return N x K dot products
   */
  public static float[][] dotRows(float[][] rows, float[][] vectors) {
    int n = vectors.length;
    if (rows.length >= MANY_ROWS && n >= 8) {
      return dotRowsTransposed(rows, vectors);
    }
    float[][] out = new float[n][rows.length];
    int i = 0;
    for (; i + 3 < n; i += 4) {
      float[] v0 = vectors[i];
      float[] v1 = vectors[i + 1];
      float[] v2 = vectors[i + 2];
      float[] v3 = vectors[i + 3];
      for (int k = 0; k < rows.length; k++) {
        float[] r = rows[k];
        if (r.length != v0.length || r.length != v1.length || r.length != v2.length || r.length != v3.length) {
          throw new IllegalArgumentException("Vectors must have the dimension of the rows, " + r.length);
        }
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int j = 0; j < r.length; j++) {
          float w = r[j];
          s0 += w * v0[j];
          s1 += w * v1[j];
          s2 += w * v2[j];
          s3 += w * v3[j];
        }
        out[i][k] = s0;
        out[i + 1][k] = s1;
        out[i + 2][k] = s2;
        out[i + 3][k] = s3;
      }
    }
    for (; i < n; i++) {
      out[i] = dotRows(rows, vectors[i]);
    }
    return out;
  }

  /** From this many rows on, scoring a batch goes through the transposed matrix. */
  private static final int MANY_ROWS = 64;
  /** Rows per block of the transposed kernel: a block of outputs (8 vectors) stays in L1. */
  private static final int ROW_BLOCK = 1024;
  /** Vectors per block of the transposed kernel: each matrix element loaded serves this many. */
  private static final int VECTOR_BLOCK = 8;

  /**
   * {@link #dotRows(float[][], float[][])} for many rows. A dot product is a sum the JIT must keep in
   * order, so it runs one lane wide; with the matrix transposed (d x K) the inner loop becomes
   * {@code out[k] += x * t[k]} over the rows, which the JIT vectorizes. The transpose costs one pass
   * over the matrix, repaid by the batch.
   */
  private static float[][] dotRowsTransposed(float[][] rows, float[][] vectors) {
    int k = rows.length;
    int d = rows[0].length;
    // One array per dimension, not one flat array: the JIT vectorizes a loop over whole arrays with
    // no offset, and not the same loop over a slice at an offset (measured: 6 GFLOP/s flat).
    float[][] t = new float[d][k];
    for (int r = 0; r < k; r++) {
      float[] row = rows[r];
      if (row.length != d) {
        throw new IllegalArgumentException("Matrix rows must share one dimension, " + d + ", row " + r + " has "
            + row.length);
      }
      for (int j = 0; j < d; j++) {
        t[j][r] = row[j];
      }
    }
    int n = vectors.length;
    for (float[] v : vectors) {
      if (v.length != d) {
        throw new IllegalArgumentException("Vectors must have the dimension of the rows, " + d);
      }
    }
    float[][] out = new float[n][k];
    for (int k0 = 0; k0 < k; k0 += ROW_BLOCK) {
      int k1 = Math.min(k, k0 + ROW_BLOCK);
      for (int i0 = 0; i0 < n; i0 += VECTOR_BLOCK) {
        int i1 = Math.min(n, i0 + VECTOR_BLOCK);
        for (int j = 0; j < d; j++) {
          float[] tj = t[j];
          for (int i = i0; i < i1; i++) {
            float x = vectors[i][j];
            float[] o = out[i];
            for (int r = k0; r < k1; r++) {
              o[r] += x * tj[r];
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Softmax of {@code scores / temperature}, computed stably in double precision.
   *
   * @param scores raw scores
   * @param temperature a positive temperature; smaller values give sharper distributions
   * @return probabilities summing to one
   */
  public static double[] softmax(float[] scores, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (float s : scores) {
      max = Math.max(max, s);
    }
    double[] p = new double[scores.length];
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      p[i] = Math.exp((scores[i] - max) / temperature);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /**
   * Index of the largest element; the first one on ties.
   *
   * @param v a non-empty vector
   * @return the argmax
   */
  public static int argmax(float[] v) {
    return argmax(v, 0, v.length);
  }

  /**
   * Index of the largest of {@code length} elements starting at {@code offset}: the argmax of one
   * row of a flat row-major matrix.
   *
   * @param v the values
   * @param offset the first element
   * @param length how many elements, at least one
   * @return the argmax relative to {@code offset}; the first one on ties
   */
  public static int argmax(float[] v, int offset, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (v[offset + i] > v[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
