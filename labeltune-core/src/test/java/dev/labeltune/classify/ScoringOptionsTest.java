package dev.labeltune.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringOptionsTest {
  private static final List<String> LABELS = List.of("a", "b", "c");

  @Test
  void predict_singleLabelRanksBySoftmax() {
    Prediction p = ScoringOptions.defaults().predict(LABELS, new float[] {0.1f, 0.5f, 0.3f});
    assertThat(p.labels()).containsExactly("b");
    assertThat(p.scores()).extracting(LabelScore::label).containsExactly("b", "c", "a");
    assertThat(p.scores().stream().mapToDouble(LabelScore::probability).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(p.probability()).isGreaterThan(0.9);
  }

  @Test
  void predict_topKLimitsListedScores() {
    Prediction p = ScoringOptions.defaults().withTopK(1).predict(LABELS, new float[] {0.1f, 0.5f, 0.3f});
    assertThat(p.scores()).hasSize(1);
  }

  @Test
  void predict_multiLabelUsesThreshold() {
    ScoringOptions o = ScoringOptions.defaults().withMultiLabel(0.25);
    Prediction p = o.predict(LABELS, new float[] {0.1f, 0.5f, 0.3f});
    assertThat(p.labels()).containsExactly("b", "c");
    assertThat(p.scores().get(0).probability()).isGreaterThan(0.5);
    assertThat(p.scores().get(2).probability()).isLessThan(0.5);
    Prediction none = o.predict(LABELS, new float[] {0.1f, 0.1f, 0.1f});
    assertThat(none.labels()).isEmpty();
    assertThat(none.label()).isEqualTo("a");
  }

  @Test
  void constructor_rejectsBadValues() {
    assertThatThrownBy(() -> new ScoringOptions(0, false, 0, 0)).hasMessageContaining("temperature");
    assertThatThrownBy(() -> new ScoringOptions(1, false, 0, -1)).hasMessageContaining("topK");
  }

  @Test
  void topIndices_matchesAFullSortForSmallAndLargeK() {
    java.util.Random r = new java.util.Random(2);
    float[] scores = new float[500];
    for (int k = 0; k < scores.length; k++) {
      scores[k] = k % 7 == 0 ? 0.25f : (float) r.nextGaussian();
    }
    Integer[] expected = new Integer[scores.length];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = k;
    }
    java.util.Arrays.sort(expected, (a, b) -> Float.compare(scores[b], scores[a]));
    for (int count : new int[] {1, 5, 16, 17, 500}) {
      int[] top = ScoringOptions.topIndices(scores, count);
      for (int i = 0; i < count; i++) {
        assertThat(top[i]).as("count %d rank %d", count, i).isEqualTo(expected[i]);
      }
    }
  }
}
