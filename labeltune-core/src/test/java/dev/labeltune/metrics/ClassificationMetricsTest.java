package dev.labeltune.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  @Test
  void compute_matchesHandComputedValues() {
    // gold:      a a a b b c
    // predicted: a a b b c c
    List<String> labels = List.of("a", "b", "c");
    ClassificationMetrics m = ClassificationMetrics.compute(labels, new int[] {0, 0, 0, 1, 1, 2},
        new int[] {0, 0, 1, 1, 2, 2});
    assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
    // a: p=1 r=2/3 f=0.8; b: p=1/2 r=1/2 f=0.5; c: p=1/2 r=1 f=2/3
    assertThat(m.perClass().get(0).f1()).isCloseTo(0.8, within(1e-12));
    assertThat(m.perClass().get(1).f1()).isCloseTo(0.5, within(1e-12));
    assertThat(m.perClass().get(2).f1()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.macroF1()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(1e-12));
    assertThat(m.confusion()[0]).containsExactly(2, 1, 0);
    assertThat(m.perClass().get(0).support()).isEqualTo(3);
  }

  @Test
  void compute_macroAveragesOnlyOccurringLabels() {
    ClassificationMetrics m = ClassificationMetrics.compute(List.of("a", "b", "never"), new int[] {0, 1},
        new int[] {0, 1});
    assertThat(m.macroF1()).isEqualTo(1.0);
  }

  @Test
  void compute_rejectsBadInput() {
    assertThatThrownBy(() -> ClassificationMetrics.compute(List.of("a"), new int[] {0}, new int[] {})).hasMessageContaining("same length");
    assertThatThrownBy(() -> ClassificationMetrics.compute(List.of("a"), new int[] {}, new int[] {})).hasMessageContaining("at least one");
    assertThatThrownBy(() -> ClassificationMetrics.compute(List.of("a"), new int[] {1}, new int[] {0})).hasMessageContaining("out of range");
  }

  @Test
  void multiLabel_microMacroAndSubsetAccuracy() {
    boolean[][] gold = {{true, false}, {true, true}, {false, true}};
    boolean[][] pred = {{true, false}, {true, false}, {true, true}};
    MultiLabelMetrics m = MultiLabelMetrics.compute(List.of("x", "y"), gold, pred);
    assertThat(m.subsetAccuracy()).isCloseTo(1.0 / 3, within(1e-12));
    // x: tp 2 fp 1 fn 0 -> f 0.8; y: tp 1 fp 0 fn 1 -> f 2/3; micro: tp 3 fp 1 fn 1 -> 0.75
    assertThat(m.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-12));
    assertThat(m.microF1()).isCloseTo(0.75, within(1e-12));
  }
}
