package dev.labeltune.tuning;

import dev.labeltune.encoder.GraphSession;
import dev.labeltune.internal.OnnxGraphs;

/**
 * The work of one stacked label-tuning step on one training fold, run by ONNX Runtime in one call:
 * logits of every run's label matrix against the fold's embeddings X (N x d), a softmax over each
 * run's labels, and the gradient with respect to the stacked label matrix. X and the targets stay in
 * the runtime for the whole fold. Not thread-safe: one per worker.
 */
final class FoldProducts implements AutoCloseable {
  private final GraphSession session;
  private final int m;
  private final int d;

  /**
   * @param rows the fold's N x d embeddings
   * @param z N x k targets, row-major
   * @param runs runs stacked
   * @param k labels per run
   * @param threads ONNX Runtime threads for the step
   */
  FoldProducts(float[][] rows, float[] z, int runs, int k, int threads) {
    int n = rows.length;
    d = rows[0].length;
    m = runs * k;
    float[] xs = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i], 0, xs, i * d, d);
    }
    float[] zs = new float[n * m];
    for (int i = 0; i < n; i++) {
      for (int g = 0; g < runs; g++) {
        System.arraycopy(z, i * k, zs, i * m + g * k, k);
      }
    }
    session = GraphSession.open(OnnxGraphs.softmaxGradient(runs, k), threads);
    try {
      session.keep(new GraphSession.Input("X", xs, n, d));
      session.keep(new GraphSession.Input("Z", zs, n, m));
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * @param a the stacked, masked and scaled label matrices, m x d row-major
   * @param columnScale each stacked row's gradient factor (its run's scale / N)
   * @return the gradient with respect to {@code a}, m x d row-major, before masking and drift
   */
  float[] gradients(float[] a, float[] columnScale) {
    return session.run(new GraphSession.Input("A", a, m, d), new GraphSession.Input("S", columnScale, 1, m));
  }

  @Override
  public void close() {
    session.close();
  }
}
