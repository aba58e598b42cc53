package dev.labeltune.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  @Test
  void fit_matchesAnalyticSolutionOfSymmetricProblem() {
    // Points x = +1 (class 1) and x = -1 (class 0). By symmetry b = 0 and w1 = -w0 = a, and the
    // optimum of -2C log sigmoid(2a) + a^2 satisfies a = 2C (1 - sigmoid(2a)).
    double c = 1.0;
    double lo = 0;
    double hi = 10;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      double residual = mid - 2 * c * (1 - 1 / (1 + Math.exp(-2 * mid)));
      if (residual > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    LogisticRegression lr = LogisticRegression.fit(new float[][] {{1}, {-1}}, new int[] {1, 0}, 2, c);
    assertThat(lr.weights()[1][0]).isCloseTo((float) lo, within(1e-4f));
    assertThat(lr.weights()[0][0]).isCloseTo((float) -lo, within(1e-4f));
    assertThat(lr.bias()[0]).isCloseTo(lr.bias()[1], within(1e-4f));
  }

  @Test
  void fit_separatesClustersAndProbabilitiesSumToOne() {
    Random r = new Random(9);
    int n = 60;
    float[][] x = new float[n][5];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 5; j++) {
        x[i][j] = (j == y[i] ? 2f : 0f) + (float) r.nextGaussian() * 0.3f;
      }
    }
    LogisticRegression lr = LogisticRegression.fit(x, y, 3, 1.0);
    for (int i = 0; i < n; i++) {
      double[] p = lr.probabilities(x[i]);
      assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
      int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
      assertThat(best).isEqualTo(y[i]);
    }
  }
}
