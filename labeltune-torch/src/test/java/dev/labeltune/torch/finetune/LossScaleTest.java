package dev.labeltune.torch.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LossScaleTest {
  @Test
  void byLabels_isThePlainDotProductWithOneNegativeAndTwentyAtAFullBatch() {
    LossScale s = LossScale.byLabels();
    assertThat(s.forBatch(2)).isEqualTo(1f);
    assertThat(s.forBatch(32)).isCloseTo(20f, within(1e-5f));
    assertThat(s.forBatch(1)).isEqualTo(1f);
  }

  @Test
  void byLabels_growsWithTheLogOfTheNegatives() {
    LossScale s = LossScale.byLabels();
    for (int k = 2; k < 100; k++) {
      assertThat(s.forBatch(k + 1)).isGreaterThan(s.forBatch(k));
    }
    // Doubling the negatives adds the same amount wherever it happens.
    assertThat(s.forBatch(5) - s.forBatch(3)).isCloseTo(s.forBatch(17) - s.forBatch(9), within(1e-4f));
  }

  @Test
  void fixed_isTheSameForEveryBatch() {
    assertThat(LossScale.fixed(5).forBatch(2)).isEqualTo(5f);
    assertThat(LossScale.fixed(5).forBatch(77)).isEqualTo(5f);
  }

  @Test
  void parse_readsAutoOrANumber() {
    assertThat(LossScale.parse(" auto ")).isEqualTo(LossScale.byLabels());
    assertThat(LossScale.parse("2.5")).isEqualTo(LossScale.fixed(2.5f));
    assertThat(LossScale.parse(LossScale.byLabels().toString())).isEqualTo(LossScale.byLabels());
    assertThat(LossScale.parse(LossScale.fixed(3).toString())).isEqualTo(LossScale.fixed(3));
  }

  @Test
  void json_isTheTextParseReadsBack() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(json.writeValueAsString(FineTuneOptions.defaults())).contains("\"scale\":\"auto\"");
    assertThat(json.writeValueAsString(LossScale.fixed(5))).isEqualTo("\"5.0\"");
  }

  @Test
  void badValues_areRejectedWithTheValue() {
    assertThatThrownBy(() -> LossScale.parse("huge")).hasMessageContaining("'huge'");
    assertThatThrownBy(() -> LossScale.fixed(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> LossScale.fixed(Float.NaN)).hasMessageContaining("positive");
    assertThatThrownBy(() -> LossScale.fixed(Float.POSITIVE_INFINITY)).hasMessageContaining("positive");
  }
}
