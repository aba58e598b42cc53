package dev.labeltune.bench;

import dev.labeltune.encoder.GraphSession;
import dev.labeltune.internal.OnnxGraphs;
import java.util.SplittableRandom;

/**
 * This machine's fp32 matrix-multiply peak as ONNX Runtime reaches it: the best GFLOP/s of single
 * {@code MatMul} graphs, one the shape of an encoder's feed-forward product on a 2,048-token batch
 * and one square, on the same number of threads as the encoder it is compared with.
 */
public final class MatMulPeak {
  private static final int[][] SHAPES = {{2048, 384, 1536}, {1024, 1024, 1024}};
  private static final int REPEATS = 5;

  private MatMulPeak() {}

  /** @param threads intra-op threads @return the best GFLOP/s over the shapes */
  public static double gflops(int threads) {
    double best = 0;
    for (int[] shape : SHAPES) {
      int m = shape[0];
      int k = shape[1];
      int n = shape[2];
      try (GraphSession session = GraphSession.open(OnnxGraphs.matMul(m, k, n), threads)) {
        session.keep(new GraphSession.Input("A", random(m * k), m, k));
        session.keep(new GraphSession.Input("B", random(k * n), k, n));
        session.runDiscarding();
        double seconds = Double.MAX_VALUE;
        for (int r = 0; r < REPEATS; r++) {
          long t0 = System.nanoTime();
          session.runDiscarding();
          seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
        }
        best = Math.max(best, 2.0 * m * k * n / seconds / 1e9);
      }
    }
    return best;
  }

  private static float[] random(int size) {
    SplittableRandom random = new SplittableRandom(size);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
