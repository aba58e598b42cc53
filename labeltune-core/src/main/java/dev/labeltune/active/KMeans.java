package dev.labeltune.active;

import dev.labeltune.math.Vectors;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded k-means (k-means++ seeding, then Lloyd's iterations until no point changes cluster) on rows
 * compared by squared Euclidean distance, which orders unit vectors as cosine does.
 */
final class KMeans {
  private static final int MAX_ITERATIONS = 30;
  /** Rows per parallel task of the assignment step. */
  private static final int CHUNK = 1024;

  private KMeans() {}

  /**
   * @param assignment each point's cluster
   * @param centroids each cluster's mean (its seed, if no point joined it)
   */
  record Clusters(int[] assignment, float[][] centroids) {}

  /**
   * @param rows the points
   * @param k clusters, at most the number of points
   * @return the clusters
   */
  static Clusters cluster(float[][] rows, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] centroids = seed(rows, k, random);
    int[] assignment = new int[rows.length];
    Arrays.fill(assignment, -1);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      int[] nearest = nearest(rows, centroids);
      if (Arrays.equals(nearest, assignment)) {
        break;
      }
      assignment = nearest;
      centroids = means(rows, assignment, k, centroids);
    }
    return new Clusters(assignment, centroids);
  }

  /**
   * Each row's nearest centroid. |r - c|^2 = |r|^2 + |c|^2 - 2 r.c, and |r|^2 is the same for every
   * c, so the argmin of |c|^2 - 2 r.c decides: one blocked matrix product instead of n x k distance
   * loops, in chunks over the cores (each row's answer depends on that row alone, so the result is
   * the same on any number of threads).
   */
  static int[] nearest(float[][] rows, float[][] centroids) {
    float[] norms = new float[centroids.length];
    for (int c = 0; c < centroids.length; c++) {
      norms[c] = Vectors.dot(centroids[c], centroids[c]);
    }
    int[] out = new int[rows.length];
    int chunks = (rows.length + CHUNK - 1) / CHUNK;
    IntStream.range(0, chunks).parallel().forEach(chunk -> {
      int start = chunk * CHUNK;
      int end = Math.min(rows.length, start + CHUNK);
      float[][] dots = Vectors.dotRows(centroids, Arrays.copyOfRange(rows, start, end));
      for (int i = start; i < end; i++) {
        float[] d = dots[i - start];
        int best = 0;
        float bestValue = Float.MAX_VALUE;
        for (int c = 0; c < d.length; c++) {
          float value = norms[c] - 2 * d[c];
          if (value < bestValue) {
            bestValue = value;
            best = c;
          }
        }
        out[i] = best;
      }
    });
    return out;
  }

  /** k-means++: each next centroid drawn with probability proportional to its squared distance. */
  private static float[][] seed(float[][] rows, int k, SplittableRandom random) {
    float[][] centroids = new float[k][];
    centroids[0] = rows[random.nextInt(rows.length)].clone();
    double[] distance = new double[rows.length];
    Arrays.fill(distance, Double.MAX_VALUE);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < rows.length; i++) {
        distance[i] = Math.min(distance[i], squared(rows[i], centroids[c - 1]));
        total += distance[i];
      }
      double target = random.nextDouble() * total;
      int chosen = rows.length - 1;
      for (int i = 0; i < rows.length; i++) {
        target -= distance[i];
        if (target < 0) {
          chosen = i;
          break;
        }
      }
      centroids[c] = rows[chosen].clone();
    }
    return centroids;
  }

  private static float[][] means(float[][] rows, int[] assignment, int k, float[][] previous) {
    int d = rows[0].length;
    float[][] sums = new float[k][d];
    int[] counts = new int[k];
    for (int i = 0; i < rows.length; i++) {
      counts[assignment[i]]++;
      float[] sum = sums[assignment[i]];
      for (int j = 0; j < d; j++) {
        sum[j] += rows[i][j];
      }
    }
    for (int c = 0; c < k; c++) {
      if (counts[c] == 0) {
        sums[c] = previous[c];
      } else {
        for (int j = 0; j < d; j++) {
          sums[c][j] /= counts[c];
        }
      }
    }
    return sums;
  }

  private static double squared(float[] a, float[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      sum += d * d;
    }
    return sum;
  }
}
