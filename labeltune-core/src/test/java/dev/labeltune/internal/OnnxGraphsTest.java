package dev.labeltune.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxGraphsTest {

  @Test
  void onnxRuntimeRunsTheGraphAndMultiplies() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] a = {1, 2, 3, 4, 5, 6};
    float[] b = {1, 0, 0, 1, 2, -1, 1, 1, 0, 3, 1, 2};
    try (OrtSession session = env.createSession(OnnxGraphs.matMul(2, 3, 4), new OrtSession.SessionOptions());
        OnnxTensor ta = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[] {2, 3});
        OnnxTensor tb = OnnxTensor.createTensor(env, FloatBuffer.wrap(b), new long[] {3, 4});
        OrtSession.Result result = session.run(Map.of("A", ta, "B", tb))) {
      float[][] c = (float[][]) result.get(0).getValue();
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          float expected = 0;
          for (int k = 0; k < 3; k++) {
            expected += a[i * 3 + k] * b[k * 4 + j];
          }
          assertThat(c[i][j]).isCloseTo(expected, within(1e-5f));
        }
      }
    }
  }
}
