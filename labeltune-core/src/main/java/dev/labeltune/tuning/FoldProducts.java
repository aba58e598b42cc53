package dev.labeltune.tuning;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.labeltune.InferenceException;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.internal.OnnxGraphs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The work of one stacked label-tuning step on one training fold, run by ONNX Runtime in one call:
 * logits of every run's label matrix against the fold's embeddings X (N x d), a softmax over each
 * run's labels, and the gradient with respect to the stacked label matrix. X and the targets stay in
 * the runtime for the whole fold. Not thread-safe: one per worker.
 */
final class FoldProducts implements AutoCloseable {
  private final OrtEnvironment env = OnnxEncoder.runtime();
  private final OrtSession session;
  private final OnnxTensor x;
  private final OnnxTensor targets;
  private final int m;
  private final int d;
  private final FloatBuffer labels;
  private final FloatBuffer scales;

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
    FloatBuffer xs = direct(n * d);
    for (float[] row : rows) {
      xs.put(row);
    }
    xs.rewind();
    FloatBuffer zs = direct(n * m);
    for (int i = 0; i < n; i++) {
      for (int g = 0; g < runs; g++) {
        zs.put(z, i * k, k);
      }
    }
    zs.rewind();
    labels = direct(m * d);
    scales = direct(m);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      session = env.createSession(OnnxGraphs.softmaxGradient(runs, k), options);
      x = OnnxTensor.createTensor(env, xs, new long[] {n, d});
      targets = OnnxTensor.createTensor(env, zs, new long[] {n, m});
    } catch (OrtException e) {
      throw new InferenceException("Cannot set up stacked label tuning: " + e.getMessage(), e);
    }
  }

  /**
   * @param a the stacked, masked and scaled label matrices, m x d row-major
   * @param columnScale each stacked row's gradient factor (its run's scale / N)
   * @return the gradient with respect to {@code a}, m x d row-major, before masking and drift
   */
  float[] gradients(float[] a, float[] columnScale) {
    labels.clear();
    labels.put(a, 0, m * d).flip();
    scales.clear();
    scales.put(columnScale, 0, m).flip();
    try (OnnxTensor at = OnnxTensor.createTensor(env, labels, new long[] {m, d});
        OnnxTensor st = OnnxTensor.createTensor(env, scales, new long[] {1, m});
        OrtSession.Result result = session.run(Map.of("X", x, "A", at, "Z", targets, "S", st))) {
      float[] out = new float[m * d];
      ((OnnxTensor) result.get(0)).getFloatBuffer().get(out);
      return out;
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime failed on a label-tuning step: " + e.getMessage(), e);
    }
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  @Override
  public void close() {
    x.close();
    targets.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new InferenceException("Cannot release stacked label tuning: " + e.getMessage(), e);
    }
  }
}
