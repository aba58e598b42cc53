package dev.labeltune.data;

import dev.labeltune.classify.LabelSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HypothesisTemplateTest {
  @Test
  void apply_replacesPlaceholder() {
    assertThat(new HypothesisTemplate("It is {} news.").apply("sports")).isEqualTo("It is sports news.");
  }

  @Test
  void constructor_needsExactlyOnePlaceholder() {
    assertThatThrownBy(() -> new HypothesisTemplate("No placeholder")).hasMessageContaining("exactly once");
    assertThatThrownBy(() -> new HypothesisTemplate("{} and {}")).hasMessageContaining("exactly once");
  }

  @Test
  void labelSpec_descriptionOverridesTemplate() {
    HypothesisTemplate t = HypothesisTemplate.DEFAULT;
    assertThat(LabelSpec.of("billing").text(t)).isEqualTo("This text is about billing.");
    assertThat(new LabelSpec("billing", "payments", null).text(t)).isEqualTo("This text is about payments.");
    assertThat(new LabelSpec("billing", "payments", "Money matters.").text(t)).isEqualTo("Money matters.");
  }

  @Test
  void labelSpec_rejectsBlankParts() {
    assertThatThrownBy(() -> LabelSpec.of(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> new LabelSpec("a", "a", "")).hasMessageContaining("description of label 'a'");
  }
}
