package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PoolingTest {
  // batch of 2 sequences, seqLen 3, dim 2; row 1 has 2 real tokens and one padding token
  private final FloatBuffer hidden = FloatBuffer.wrap(new float[] {
      1, 2, 3, 4, 5, 6,
      10, 20, 30, 40, 999, 999});

  @Test
  void mean_ignoresPadding() {
    float[] out = new float[2];
    Pooling.MEAN.pool(hidden, 1, 3, 2, out);
    assertThat(out).containsExactly(20f, 30f);
  }

  @Test
  void mean_fullRow() {
    float[] out = new float[2];
    Pooling.MEAN.pool(hidden, 0, 3, 3, out);
    assertThat(out).containsExactly(3f, 4f);
  }

  @Test
  void cls_takesFirstToken() {
    float[] out = new float[2];
    Pooling.CLS.pool(hidden, 1, 3, 2, out);
    assertThat(out).containsExactly(10f, 20f);
  }
}
