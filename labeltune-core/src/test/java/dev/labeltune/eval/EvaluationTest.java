package dev.labeltune.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.data.DataFormatException;
import dev.labeltune.testing.FakeEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
  static Path writeDataset(Path dir) throws IOException {
    Files.writeString(dir.resolve("train.jsonl"), """
        {"text": "football match goal", "label": "sport"}
        {"text": "tennis match point", "label": "sport"}
        {"text": "election vote parliament", "label": "politics"}
        {"text": "minister vote law", "label": "politics"}
        """);
    Files.writeString(dir.resolve("test.jsonl"), """
        {"text": "a football goal", "label": "sport"}
        {"text": "the parliament vote", "label": "politics"}
        {"text": "a new recipe for cake", "label": "cooking"}
        """);
    Files.writeString(dir.resolve("task.json"), "{\"template\": \"{}\", \"labels\": {\"sport\": \"football tennis\"}}");
    return dir;
  }

  @Test
  void run_zeroShotReportsPerSeedAndUnknownTestLabelsCountAsErrors(@TempDir Path dir) throws IOException {
    EvalDataset data = EvalDataset.load(writeDataset(dir));
    assertThat(data.labels()).containsExactly("politics", "sport");
    EvaluationReport r = Evaluation.run(new ZeroShotMethod(new FakeEncoder(32), Optional.empty()), "fake", data, 1, 3, 0,
        new Evaluation.Listener() {});
    assertThat(r.seeds()).hasSize(3);
    assertThat(r.accuracy()).isCloseTo(200.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
    // sport and politics F1 = 1 (politics: 1 tp, 0 fp... cooking predicted as one of them), cooking F1 = 0
    assertThat(r.macroF1()).isLessThan(100.0);
    assertThat(r.accuracyStd()).isZero();
    assertThat(r.toMap()).containsKeys("method", "model", "dataset", "shots", "seeds", "accuracy", "macro_f1",
        "macro_f1_std", "fit_seconds", "predict_per_second");
  }

  @Test
  void load_unlabeledTestLineFails(@TempDir Path dir) throws IOException {
    writeDataset(dir);
    Files.writeString(dir.resolve("test.jsonl"), "{\"text\": \"x\"}\n");
    assertThatThrownBy(() -> EvalDataset.load(dir)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("example 1 has no label");
  }
}
