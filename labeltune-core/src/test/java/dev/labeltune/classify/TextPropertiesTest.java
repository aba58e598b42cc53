package dev.labeltune.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.data.Texts;
import dev.labeltune.testing.RealModels;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random Unicode texts (any UTF-16 unit, lone surrogates included) through the real model: a text
 * with visible content gets finite probabilities that sum to one; any other is refused as blank.
 */
class TextPropertiesTest {
  private static final ZeroShotClassifier CLASSIFIER = ZeroShotClassifier.builder(RealModels.miniLm())
      .labels(List.of("billing", "shipping", "refund")).build();

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> anyUnits = Arbitraries.strings().all().ofMaxLength(24);
    Arbitrary<String> invisible = Arbitraries.strings()
        .withChars('\u200B', '\u200C', '\u200D', '\u00A0', '\u0000', '\uFEFF', '\u0301', ' ', '\t', '\uD800', '\uDC00')
        .ofMaxLength(8);
    Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF)
        .map(Character::toString).list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l));
    return Arbitraries.oneOf(anyUnits, invisible, emoji, Arbitraries.strings().alpha().numeric().whitespace());
  }

  @Property(tries = 1000)
  void anyTextIsClassifiedFinitelyOrRefusedAsBlank(@ForAll("texts") String text) {
    if (!Texts.hasVisibleContent(text)) {
      assertThatThrownBy(() -> CLASSIFIER.classify(text)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blank");
      return;
    }
    Prediction p = CLASSIFIER.classify(text);
    double sum = 0;
    for (LabelScore s : p.scores()) {
      assertThat(s.probability()).isFinite().isBetween(0.0, 1.0);
      sum += s.probability();
    }
    assertThat(sum).isBetween(0.999, 1.001);
  }
}
