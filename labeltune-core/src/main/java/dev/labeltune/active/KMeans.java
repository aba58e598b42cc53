package dev.labeltune.active;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means (k-means++ seeding, then Lloyd's iterations until no point changes cluster) on rows
 * compared by squared Euclidean distance, which orders unit vectors as cosine does.
 */
final class KMeans {
  private static final int MAX_ITERATIONS = 30;

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
      boolean changed = false;
      for (int i = 0; i < rows.length; i++) {
        int nearest = nearest(rows[i], centroids);
        if (nearest != assignment[i]) {
          assignment[i] = nearest;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      centroids = means(rows, assignment, k, centroids);
    }
    return new Clusters(assignment, centroids);
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

  static int nearest(float[] row, float[][] centroids) {
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int c = 0; c < centroids.length; c++) {
      double dist = squared(row, centroids[c]);
      if (dist < bestDistance) {
        bestDistance = dist;
        best = c;
      }
    }
    return best;
  }

  static double squared(float[] a, float[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      sum += d * d;
    }
    return sum;
  }
}
