package dev.labeltune.head;

import dev.labeltune.tuning.LabelTuningConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes the golden head file of the current format version. Run it (not a test) when the format
 * version changes, and keep the older golden files so the loader is tested against them:
 * {@code java ... dev.labeltune.head.GoldenHeads src/test/resources/dev/labeltune/head}.
 */
final class GoldenHeads {
  private GoldenHeads() {}

  /** The head stored in {@code task-head-v1.json}. */
  static TaskHead v1() {
    float[][] embeddings = new float[3][4];
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        embeddings[c][j] = (float) Math.sin(1 + c * 4 + j) / 3;
      }
    }
    HeadProvenance provenance = new HeadProvenance("tiny-encoder", "sha256:" + "ab".repeat(32), 4, "lt",
        Optional.of(new LabelTuningConfig(0.05, 100, 0.1, 100, 20, LabelTuningConfig.Optimizer.ADAM)), 87.5, 62.5, 24,
        "0.1.0", Instant.parse("2026-11-23T00:00:00Z"));
    return TaskHead.of(List.of("billing", "shipping", "technical problem"),
        List.of("This ticket is about billing.", "This ticket is about shipping.", "This ticket is about technical problem."),
        embeddings, 0.04, Double.NaN, provenance);
  }

  public static void main(String[] args) throws IOException {
    v1().save(Path.of(args[0]).resolve("task-head-v" + HeadFile.VERSION + ".json"));
  }
}
