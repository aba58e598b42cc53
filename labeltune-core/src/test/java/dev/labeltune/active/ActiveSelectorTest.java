package dev.labeltune.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.classify.LabelSet;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Vectors;
import dev.labeltune.testing.RealModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActiveSelectorTest {
  /** Two labels along the first two axes of a 3-d space. */
  private static final TaskHead HEAD = TaskHead.of(List.of("a", "b"), List.of("a", "b"),
      new float[][] {{1, 0, 0}, {0, 1, 0}}, 0.05,
      Double.NaN, new HeadProvenance("fake", "sha256:fake", 3, "zero-shot", Optional.empty(), Double.NaN, Double.NaN, 0,
          HeadProvenance.CURRENT_VERSION, Instant.parse("2026-12-04T00:00:00Z")));

  private static float[] unit(double x, double y, double z) {
    return Vectors.normalizeInPlace(new float[] {(float) x, (float) y, (float) z});
  }

  /** Texts from sure "a" (0) to a tie (4) to sure "b" (8). */
  private static float[][] line() {
    float[][] pool = new float[9][];
    for (int i = 0; i < 9; i++) {
      double t = i / 8.0;
      pool[i] = unit(1 - t, t, 0.1);
    }
    return pool;
  }

  @Test
  void uncertaintyStrategiesPickTheTiesFirst() {
    for (SelectionStrategy s : List.of(SelectionStrategy.MARGIN, SelectionStrategy.ENTROPY,
        SelectionStrategy.LEAST_CONFIDENCE)) {
      List<Suggestion> picked = ActiveSelector.select(s, line(), HEAD, 3, 1);
      assertThat(picked).as(s.label()).extracting(Suggestion::index).containsExactlyInAnyOrder(3, 4, 5);
      assertThat(picked.get(0).index()).as(s.label()).isEqualTo(4);
    }
    Suggestion tie = ActiveSelector.select(SelectionStrategy.MARGIN, line(), HEAD, 1, 1).get(0);
    assertThat(tie.margin()).isLessThan(1e-6);
    assertThat(tie.prediction().scores()).hasSize(2);
  }

  @Test
  void kmeansColdStartTakesOneTextFromEachCluster() {
    SplittableRandom random = new SplittableRandom(3);
    float[][] centers = {unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)};
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      float[] c = centers[i % 3];
      rows.add(unit(c[0] + random.nextGaussian() * 0.05, c[1] + random.nextGaussian() * 0.05,
          c[2] + random.nextGaussian() * 0.05));
    }
    float[][] pool = rows.toArray(float[][]::new);
    List<Suggestion> picked = ActiveSelector.select(SelectionStrategy.KMEANS, pool, HEAD, 3, 7);
    assertThat(picked).extracting(s -> s.index() % 3).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(ActiveSelector.select(SelectionStrategy.KMEANS, pool, HEAD, 3, 7)).as("same seed, same choice")
        .isEqualTo(picked);
  }

  @Test
  void kmeansMarginTakesUncertainTextsFromDifferentRegions() {
    // Two separate groups of near-ties (z high, z low) and sure texts: one tie from each group.
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(unit(1, 0.05 * i, 0));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(unit(1, 1 - 0.001 * i, 1.5));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(unit(1, 1 - 0.01 - 0.001 * i, -1.5));
    }
    float[][] pool = rows.toArray(float[][]::new);
    List<Suggestion> picked = ActiveSelector.select(SelectionStrategy.KMEANS_MARGIN, pool, HEAD, 2, 5);
    assertThat(picked).allSatisfy(s -> assertThat(s.index()).isGreaterThanOrEqualTo(20));
    assertThat(picked).extracting(s -> Math.signum(pool[s.index()][2])).containsExactlyInAnyOrder(1f, -1f);
    List<Suggestion> margin = ActiveSelector.select(SelectionStrategy.MARGIN, pool, HEAD, 2, 5);
    assertThat(margin).extracting(s -> Math.signum(pool[s.index()][2])).as("margin alone takes both from one region")
        .containsOnly(1f);
  }

  @Test
  void randomIsSeededAndDistinct_andSmallPoolsGiveWhatTheyHave() {
    float[][] pool = line();
    List<Suggestion> a = ActiveSelector.select(SelectionStrategy.RANDOM, pool, HEAD, 5, 11);
    assertThat(ActiveSelector.select(SelectionStrategy.RANDOM, pool, HEAD, 5, 11)).isEqualTo(a);
    assertThat(new HashSet<>(a.stream().map(Suggestion::index).toList())).hasSize(5);
    for (SelectionStrategy s : SelectionStrategy.values()) {
      assertThat(ActiveSelector.select(s, pool, HEAD, 50, 1)).as(s.label()).hasSize(9);
      assertThat(ActiveSelector.select(s, new float[0][], HEAD, 5, 1)).as(s.label()).isEmpty();
    }
  }

  @Test
  void badArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> ActiveSelector.select(SelectionStrategy.MARGIN, line(), HEAD, 0, 1))
        .hasMessageContaining("n must be at least 1");
    assertThatThrownBy(() -> ActiveSelector.select(SelectionStrategy.MARGIN, new float[][] {{1, 0}}, HEAD, 1, 1))
        .hasMessageContaining("Pool row 0 has 2 dimensions");
    assertThatThrownBy(() -> SelectionStrategy.parse("coin")).hasMessageContaining("kmeans-margin");
    assertThat(SelectionStrategy.parse("Least_Confidence")).isEqualTo(SelectionStrategy.LEAST_CONFIDENCE);
  }

  @Test
  void onTheRealModel_marginSuggestsTheTextsZeroShotCannotDecide() {
    OnnxEncoder encoder = RealModels.miniLm();
    TaskHead head = TaskHead.zeroShot(encoder, LabelSet.builder().labels(List.of("sports", "cooking")).build(), false,
        Instant.parse("2026-12-04T00:00:00Z"));
    List<String> texts = List.of("The striker scored twice in the final.", "Simmer the sauce for ten minutes.",
        "The goalkeeper saved a penalty in extra time.", "Knead the dough and let it rise.",
        "The team celebrated with a barbecue after the match.", "The chef won a cooking competition on TV.");
    float[][] pool = encoder.embedBatch(texts);
    List<Suggestion> all = ActiveSelector.select(SelectionStrategy.MARGIN, pool, head, 6, 1);
    assertThat(all.get(0).index()).as("the match followed by a barbecue is the hardest call").isEqualTo(4);
    assertThat(all).extracting(Suggestion::margin).isSorted();
    assertThat(all.get(0).margin()).isLessThan(all.get(5).margin());
    assertThat(all.get(0).prediction().scores()).extracting(sc -> sc.label()).containsExactlyInAnyOrder("sports", "cooking");
    assertThat(ActiveSelector.select(SelectionStrategy.KMEANS, pool, head, 2, 3)).hasSize(2);
  }
}
