package dev.labeltune.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.internal.OnnxGraphs;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * This machine's fp32 matrix-multiply peak as ONNX Runtime reaches it: the best GFLOP/s of single
 * {@code MatMul} graphs, one the shape of an encoder's feed-forward product on a 2,048-token batch
 * and one square, on the same number of threads as the encoder it is compared with.
 */
final class MatMulPeak {
  private static final int[][] SHAPES = {{2048, 384, 1536}, {1024, 1024, 1024}};
  private static final int REPEATS = 5;

  private MatMulPeak() {}

  /** @param threads intra-op threads @return the best GFLOP/s over the shapes */
  static double gflops(int threads) throws OrtException {
    OrtEnvironment env = OnnxEncoder.runtime();
    double best = 0;
    for (int[] shape : SHAPES) {
      int m = shape[0];
      int k = shape[1];
      int n = shape[2];
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        try (OrtSession session = env.createSession(OnnxGraphs.matMul(m, k, n), options);
            OnnxTensor a = OnnxTensor.createTensor(env, random(m * k), new long[] {m, k});
            OnnxTensor b = OnnxTensor.createTensor(env, random(k * n), new long[] {k, n})) {
          Map<String, OnnxTensor> inputs = Map.of("A", a, "B", b);
          session.run(inputs).close();
          double seconds = Double.MAX_VALUE;
          for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            session.run(inputs).close();
            seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
          }
          best = Math.max(best, 2.0 * m * k * n / seconds / 1e9);
        }
      }
    }
    return best;
  }

  private static FloatBuffer random(int size) {
    SplittableRandom random = new SplittableRandom(size);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return FloatBuffer.wrap(values);
  }
}
