package dev.labeltune.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class FewShotTaskTest {
  @Test
  void labelIndicesPointIntoTheLabelsAndRefuseUnknownLabels() {
    List<LabeledText> examples = List.of(new LabeledText("a", List.of("b")), new LabeledText("c", List.of("a")));
    assertThat(new FewShotTask(List.of("a", "b"), examples, TaskSpec.empty(), false, List.of()).labelIndices())
        .containsExactly(1, 0);
    assertThatThrownBy(() -> new FewShotTask(List.of("a"), examples, TaskSpec.empty(), false, List.of()).labelIndices())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Example 1 has label 'b'");
  }
}
