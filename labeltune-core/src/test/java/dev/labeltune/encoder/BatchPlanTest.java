package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

  @Test
  void everyTextOnce_longestFirst_withinTheBudget() {
    SplittableRandom random = new SplittableRandom(7);
    int[] lengths = new int[500];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = 3 + random.nextInt(120);
    }
    BatchPlan plan = BatchPlan.of(lengths, 1024);
    int[] seen = plan.order().clone();
    Arrays.sort(seen);
    for (int i = 0; i < seen.length; i++) {
      assertThat(seen[i]).isEqualTo(i);
    }
    int next = 0;
    for (BatchPlan.Batch b : plan.batches()) {
      assertThat(b.start()).isEqualTo(next);
      next = b.end();
      assertThat(b.paddedTokens()).isLessThanOrEqualTo(1024);
      assertThat(b.seqLen()).isEqualTo(lengths[plan.order()[b.start()]]);
      long tokens = 0;
      for (int p = b.start(); p < b.end(); p++) {
        assertThat(lengths[plan.order()[p]]).isLessThanOrEqualTo(b.seqLen());
        tokens += lengths[plan.order()[p]];
      }
      assertThat(b.tokens()).isEqualTo(tokens);
    }
    assertThat(next).isEqualTo(lengths.length);
    // In a large pool of similar lengths batches are nearly full.
    long padded = plan.batches().stream().mapToLong(BatchPlan.Batch::paddedTokens).sum();
    assertThat((double) padded / plan.batches().size()).isGreaterThan(900);
  }

  @Test
  void aTextOverTheBudgetRunsAlone_shortTextsAreNotPaddedToALongOne() {
    BatchPlan plan = BatchPlan.of(new int[] {10, 300, 12, 11}, 256);
    assertThat(plan.batches()).hasSize(2);
    assertThat(plan.batches().get(0).rows()).isEqualTo(1);
    assertThat(plan.batches().get(0).seqLen()).isEqualTo(300);
    assertThat(plan.batches().get(1).rows()).isEqualTo(3);
    BatchPlan mixed = BatchPlan.of(new int[] {100, 10, 10}, 4096);
    assertThat(mixed.batches()).extracting(BatchPlan.Batch::rows).containsExactly(1, 2);
    assertThat(BatchPlan.of(new int[] {5, 5, 5}, 1).batches()).hasSize(3);
  }
}
