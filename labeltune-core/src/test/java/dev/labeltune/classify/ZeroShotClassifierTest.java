package dev.labeltune.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.testing.FakeEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroShotClassifierTest {
  private final FakeEncoder encoder = new FakeEncoder(64);

  @Test
  void build_embedsLabelTextsOnce() {
    ZeroShotClassifier c = ZeroShotClassifier.builder(encoder).labels(List.of("sports", "politics")).build();
    int afterBuild = encoder.encodedTexts();
    assertThat(afterBuild).isEqualTo(2);
    c.classifyBatch(List.of("one text", "another text", "third"));
    assertThat(encoder.encodedTexts()).isEqualTo(afterBuild + 3);
  }

  @Test
  void classify_picksLabelSharingWords() {
    ZeroShotClassifier c = ZeroShotClassifier.builder(encoder).labels(List.of("football", "elections"))
        .template("{}").build();
    assertThat(c.classify("the football match was great").label()).isEqualTo("football");
    assertThat(c.classify("elections are coming").label()).isEqualTo("elections");
  }

  @Test
  void verbalizationsAndDescriptions_changeLabelTexts() {
    ZeroShotClassifier c = ZeroShotClassifier.builder(encoder).labels(List.of("pos", "neg")).template("It was {}.")
        .verbalizations(Map.of("pos", "great")).descriptions(Map.of("neg", "A bad review.")).build();
    assertThat(c.labelTexts()).containsExactly("It was great.", "A bad review.");
    assertThat(c.labels()).containsExactly("pos", "neg");
  }

  @Test
  void build_rejectsEmptySingleAndDuplicateLabels() {
    assertThatThrownBy(() -> ZeroShotClassifier.builder(encoder).labels(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 labels, found 0");
    assertThatThrownBy(() -> ZeroShotClassifier.builder(encoder).labels(List.of("only")).build())
        .hasMessageContaining("found 1");
    assertThatThrownBy(() -> ZeroShotClassifier.builder(encoder).labels(List.of("a", "b", "a")))
        .hasMessageContaining("Duplicate label 'a'");
    assertThatThrownBy(() -> ZeroShotClassifier.builder(encoder).labels(List.of("a", "b"))
        .verbalizations(Map.of("c", "x"))).hasMessageContaining("Unknown label 'c'");
    assertThatThrownBy(() -> ZeroShotClassifier.builder(encoder).labels(List.of("a", "b"))
        .descriptions(Map.of("a", "same", "b", "same")).build()).hasMessageContaining("share the text");
  }

  @Test
  void build_multiLabelAllowsOneLabel() {
    ZeroShotClassifier c = ZeroShotClassifier.builder(encoder).labels(List.of("urgent"))
        .scoring(ScoringOptions.defaults().withMultiLabel(0.5)).template("{}").build();
    assertThat(c.classify("urgent").labels()).containsExactly("urgent");
    assertThat(c.classify("nothing in common").labels()).isEmpty();
  }

  @Test
  void labelEmbeddings_areCopies() {
    ZeroShotClassifier c = ZeroShotClassifier.builder(encoder).labels(List.of("a", "b")).build();
    c.labelEmbeddings()[0][0] = 99;
    assertThat(c.labelEmbeddings()[0][0]).isNotEqualTo(99f);
  }
}
