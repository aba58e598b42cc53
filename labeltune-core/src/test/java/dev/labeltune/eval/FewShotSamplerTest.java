package dev.labeltune.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.data.LabeledText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FewShotSamplerTest {
  private static List<LabeledText> pool() {
    List<LabeledText> pool = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pool.add(LabeledText.of("text " + i, i % 10 == 0 ? "rare" : i % 2 == 0 ? "even" : "odd"));
    }
    return pool;
  }

  @Test
  void sample_takesShotsPerLabelAndAllOfSmallLabels() {
    List<LabeledText> s = FewShotSampler.sample(pool(), 12, 7);
    Map<String, Long> counts = s.stream().collect(Collectors.groupingBy(LabeledText::label, Collectors.counting()));
    assertThat(counts).containsEntry("even", 12L).containsEntry("odd", 12L).containsEntry("rare", 10L);
  }

  @Test
  void sample_sameSeedSameSampleOtherSeedOtherSample() {
    assertThat(FewShotSampler.sample(pool(), 4, 1)).isEqualTo(FewShotSampler.sample(pool(), 4, 1));
    assertThat(FewShotSampler.sample(pool(), 4, 1)).isNotEqualTo(FewShotSampler.sample(pool(), 4, 2));
  }

  @Test
  void sample_rejectsZeroShots() {
    assertThatThrownBy(() -> FewShotSampler.sample(pool(), 0, 1)).hasMessageContaining("shots must be at least 1");
  }

  @Test
  void sample_skipsUnlabeled() {
    List<LabeledText> pool = List.of(LabeledText.unlabeled("u"), LabeledText.of("l", "a"));
    assertThat(FewShotSampler.sample(pool, 5, 0)).extracting(Function.identity()).containsExactly(LabeledText.of("l", "a"));
  }

  @Test
  void unlabeledPool_excludesSampleIsBoundedAndDeterministic() {
    List<LabeledText> pool = pool();
    List<LabeledText> sample = FewShotSampler.sample(pool, 4, 3);
    List<String> unlabeled = FewShotSampler.unlabeledPool(pool, sample, 50, 3);
    assertThat(unlabeled).hasSize(50).doesNotHaveDuplicates();
    assertThat(unlabeled).doesNotContainAnyElementsOf(sample.stream().map(LabeledText::text).toList());
    assertThat(FewShotSampler.unlabeledPool(pool, sample, 50, 3)).isEqualTo(unlabeled);
    assertThat(FewShotSampler.unlabeledPool(pool, sample, 1000, 3)).hasSize(100 - sample.size());
    assertThat(FewShotSampler.unlabeledPool(pool, sample, 0, 3)).isEmpty();
  }
}
