package dev.labeltune.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.testing.FakeEncoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelSetTest {
  @Test
  void wordsLabelsAsZeroShotDoes_withoutAnEncoder() {
    TaskSpec task = new TaskSpec(Optional.of(new HypothesisTemplate("This review is {}.")), Map.of("pos", "good"),
        Map.of("neg", "A review that complains."));
    LabelSet labels = LabelSet.of(List.of("pos", "neg"), task);
    assertThat(labels.names()).containsExactly("pos", "neg");
    assertThat(labels.texts()).containsExactly("This review is good.", "A review that complains.");
    ZeroShotClassifier zeroShot = ZeroShotClassifier.builder(new FakeEncoder(8)).labels(List.of("pos", "neg"))
        .task(task).build();
    assertThat(zeroShot.labelTexts()).isEqualTo(labels.texts());
    assertThat(zeroShot.labelSet().specs()).isEqualTo(labels.specs());
  }

  @Test
  void refusesSharedTextsUnknownWordingAndDuplicates() {
    assertThatThrownBy(() -> LabelSet.builder().labels(List.of("a", "b")).verbalizations(Map.of("b", "a")).build())
        .hasMessageContaining("share the text");
    assertThatThrownBy(() -> LabelSet.builder().labels(List.of("a")).descriptions(Map.of("c", "x")))
        .hasMessageContaining("Unknown label 'c'");
    assertThatThrownBy(() -> LabelSet.builder().labels(List.of("a", "a"))).hasMessageContaining("Duplicate label");
    LabelSet one = LabelSet.builder().labels(List.of("a")).build();
    assertThat(one.requireFor(true)).isSameAs(one);
    assertThatThrownBy(() -> one.requireFor(false)).hasMessageContaining("at least 2 labels, found 1");
  }
}
