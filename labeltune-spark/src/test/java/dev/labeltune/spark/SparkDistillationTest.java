package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.data.TaskSpec;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.tuning.LabelTunerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkDistillationTest {

  @Test
  void distillingOnSparkEqualsDistillingInProcessOnTheSameTexts() {
    List<String> unlabeled = SparkFixtures.texts(120);
    LabelTunerOptions options = LabelTunerOptions.defaults().withSeed(3);
    // A pool larger than the corpus takes every text, so both runs see the same ones.
    TaskHead onSpark = new SparkDistillation("all-minilm-l6-v2", options, 1_000, 1)
        .distill(SparkFixtures.examples(), TaskSpec.empty(), SparkFixtures.frame(unlabeled).coalesce(1), "text");
    TaskHead inProcess = new HeadTrainer(SparkFixtures.encoder(), options, "lt-kd", java.time.Clock.systemUTC())
        .train(SparkFixtures.examples(), TaskSpec.empty(), unlabeled);
    assertThat(onSpark.labels()).isEqualTo(inProcess.labels());
    assertThat(onSpark.provenance().method()).isEqualTo("lt-kd");
    float[][] a = onSpark.labelEmbeddings();
    float[][] b = inProcess.labelEmbeddings();
    for (int k = 0; k < a.length; k++) {
      for (int d = 0; d < a[k].length; d++) {
        assertThat(Math.abs(a[k][d] - b[k][d])).as("label %d dim %d", k, d).isLessThan(1e-4f);
      }
    }
  }

  @Test
  void aCorpusWithNoUsableTextIsRefused() {
    List<String> blank = new ArrayList<>();
    blank.add(null);
    blank.add("   ");
    assertThatThrownBy(() -> new SparkDistillation("all-minilm-l6-v2", LabelTunerOptions.defaults(), 100, 1)
        .distill(SparkFixtures.examples(), TaskSpec.empty(), SparkFixtures.frame(blank), "text"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no text to distill on");
  }
}
