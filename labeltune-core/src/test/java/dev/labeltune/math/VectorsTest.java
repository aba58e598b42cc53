package dev.labeltune.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorsTest {
  @Test
  void dot_matchesNaiveSumForOddLengths() {
    float[] a = {1, 2, 3, 4, 5};
    float[] b = {5, 4, 3, 2, 1};
    assertThat(Vectors.dot(a, b)).isEqualTo(35f);
  }

  @Test
  void dot_dimensionMismatch() {
    assertThatThrownBy(() -> Vectors.dot(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 3");
  }

  @Test
  void normalizeInPlace_unitNormAndZeroVectorUnchanged() {
    float[] v = Vectors.normalizeInPlace(new float[] {3, 4});
    assertThat(v).containsExactly(0.6f, 0.8f);
    assertThat(Vectors.normalizeInPlace(new float[] {0, 0})).containsExactly(0f, 0f);
  }

  @Test
  void softmax_sumsToOneAndSharpensWithLowTemperature() {
    double[] p = Vectors.softmax(new float[] {1f, 2f, 3f}, 1.0);
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
    assertThat(p[2]).isCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-12));
    assertThat(Vectors.softmax(new float[] {1f, 2f, 3f}, 0.01)[2]).isGreaterThan(0.999);
  }

  @Test
  void softmax_largeScoresStayFinite() {
    double[] p = Vectors.softmax(new float[] {1000f, 1000f}, 0.001);
    assertThat(p).containsExactly(0.5, 0.5);
  }

  @Test
  void argmax_firstOnTies() {
    assertThat(Vectors.argmax(new float[] {1, 3, 3, 2})).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"7, 6, 13", "64, 8, 13", "1100, 19, 40", "700, 9, 384"})
  void dotRows_batchEqualsOneByOne(int k, int n, int d) {
    java.util.Random r = new java.util.Random(1);
    float[][] rows = new float[k][d];
    float[][] vectors = new float[n][d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    for (float[] v : vectors) {
      for (int j = 0; j < d; j++) {
        v[j] = (float) r.nextGaussian();
      }
    }
    float[][] batch = Vectors.dotRows(rows, vectors);
    for (int i = 0; i < vectors.length; i++) {
      float[] single = Vectors.dotRows(rows, vectors[i]);
      for (int c = 0; c < rows.length; c++) {
        assertThat(batch[i][c]).isCloseTo(single[c], within(1e-4f * (float) Math.sqrt(d)));
      }
    }
  }

  @Test
  void dotRows_manyRowsRefuseMismatchedDimensions() {
    float[][] rows = new float[100][4];
    float[][] vectors = new float[8][5];
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Vectors.dotRows(rows, vectors))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension of the rows, 4");
  }
}
