package dev.labeltune.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingTest {
  @Test
  void drawsDistinctIndicesInRangeTheSameForTheSameSeed() {
    int[] sample = Sampling.withoutReplacement(1000, 50, 7);
    assertThat(sample).hasSize(50);
    assertThat(IntStream.of(sample).allMatch(i -> i >= 0 && i < 1000)).isTrue();
    assertThat(IntStream.of(sample).distinct().count()).isEqualTo(50);
    assertThat(Sampling.withoutReplacement(1000, 50, 7)).containsExactly(sample);
    assertThat(Sampling.withoutReplacement(1000, 50, 8)).isNotEqualTo(sample);
  }

  @Test
  void aSampleOfEverythingIsAPermutationAndAPrefixOfALongerOne() {
    int[] all = Sampling.withoutReplacement(20, 20, 3);
    assertThat(all.clone()).isNotEqualTo(IntStream.range(0, 20).toArray());
    int[] sorted = all.clone();
    Arrays.sort(sorted);
    assertThat(sorted).containsExactly(IntStream.range(0, 20).toArray());
    assertThat(all).startsWith(Sampling.withoutReplacement(20, 5, 3));
    assertThat(Sampling.withoutReplacement(20, 0, 3)).isEmpty();
  }

  @Test
  void refusesMoreThanThereAre() {
    assertThatThrownBy(() -> Sampling.withoutReplacement(3, 4, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot draw 4 of 3 indices");
    assertThatThrownBy(() -> Sampling.withoutReplacement(3, -1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
