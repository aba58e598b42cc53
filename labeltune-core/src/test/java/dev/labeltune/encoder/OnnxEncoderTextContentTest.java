package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.classify.Prediction;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.testing.RealModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Texts with no content on the real model: refused as blank, or flagged instead of a confident guess. */
class OnnxEncoderTextContentTest {
  private final OnnxEncoder encoder = RealModels.miniLm();
  private final ZeroShotClassifier classifier = ZeroShotClassifier.builder(encoder)
      .labels(List.of("billing", "shipping", "refund")).build();

  @ParameterizedTest
  @ValueSource(strings = {"\u200B\u200B\u200B", "\u00A0\u00A0", "\u0000", "\uD800", "\uFEFF", "\u0301"})
  void embed_textsWithNoVisibleContentAreBlank(String text) {
    assertThatThrownBy(() -> encoder.embed(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is blank").hasMessageContaining("no visible character");
    assertThatThrownBy(() -> classifier.classify(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is blank");
  }

  @Test
  void classify_textOfOnlyUnknownTokensIsFlagged() {
    List<Prediction> p = classifier.classifyBatch(List.of("\uD83D\uDE00\uD83D\uDE80", "\uD83C\uDF89",
        "My parcel never arrived \uD83D\uDE22"));
    assertThat(p.get(0).noKnownTokens()).isTrue();
    assertThat(p.get(1).noKnownTokens()).isTrue();
    assertThat(p.get(2).noKnownTokens()).isFalse();
    assertThat(p.get(2).label()).isEqualTo("shipping");
  }

  @Test
  void classify_flagsSurviveTheEmbeddingCache() {
    String emoji = "\uD83D\uDC4D\uD83D\uDC4D\uD83D\uDC4D";
    classifier.classify(emoji);
    assertThat(classifier.classify(emoji).noKnownTokens()).isTrue();
  }

  @Test
  void classify_longTextIsMarkedTruncated() {
    String sentence = "The weather is lovely today and we are going to the beach. ";
    List<Prediction> p = classifier.classifyBatch(List.of(sentence.repeat(200), sentence, sentence.repeat(100_000)));
    assertThat(p.get(0).truncated()).isTrue();
    assertThat(p.get(1).truncated()).isFalse();
    assertThat(p.get(2).truncated()).isTrue();
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> encoder.embed(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
    assertThatThrownBy(() -> classifier.classify(null)).isInstanceOf(NullPointerException.class).hasMessage("text");
    assertThatThrownBy(() -> encoder.embedBatch(java.util.Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class).hasMessage("Text at index 1 is null");
  }
}
