package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/export-model} on a small randomly initialised BERT saved as a sentence-transformers
 * checkpoint (built offline from a config): LabelTune's embeddings of the exported directory equal
 * PyTorch's. Needs Python with torch and transformers ({@code LABELTUNE_TEST_PYTHON}, else
 * {@code python3}); without them the test is skipped saying how to get them, as {@code .ci/run}
 * installs them.
 */
class ExportModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPT = Path.of("..", "tools", "export-model").toAbsolutePath().normalize();

  @Test
  void exportedCheckpointEmbedsAsPyTorchDoes(@TempDir Path dir) throws Exception {
    String python = Objects.requireNonNullElse(System.getenv("LABELTUNE_TEST_PYTHON"), "python3");
    assumeTrue(run(dir, python, "-c", "import torch, transformers, onnx").exit() == 0,
        "skipped: needs " + python + " with torch, transformers and onnx (pip install torch transformers onnx, or set "
            + "LABELTUNE_TEST_PYTHON to such an interpreter; .ci/run makes one)");
    Path helper = dir.resolve("random_checkpoint.py");
    try (InputStream in = getClass().getResourceAsStream("/export/random_checkpoint.py")) {
      Files.copy(Objects.requireNonNull(in, "helper script"), helper);
    }
    Path checkpoint = dir.resolve("tiny-bert");
    check(run(dir, python, helper.toString(), "make", checkpoint.toString()));
    Path model = dir.resolve("tiny-bert-labeltune");
    Result export = run(dir, python, SCRIPT.toString(), checkpoint.toString(), model.toString());
    check(export);
    assertThat(export.output()).contains("mean pooling, normalized, 64 tokens");

    List<String> texts = texts();
    Path textsFile = dir.resolve("texts.json");
    JSON.writeValue(textsFile.toFile(), texts);
    Path expectedFile = dir.resolve("expected.json");
    check(run(dir, python, helper.toString(), "embed", checkpoint.toString(), textsFile.toString(),
        expectedFile.toString()));
    JsonNode expected = JSON.readTree(expectedFile.toFile());

    JsonNode settings = JSON.readTree(model.resolve(ModelRegistry.CONFIG_FILE).toFile());
    assertThat(settings.get("pooling").asText()).isEqualTo("mean");
    assertThat(settings.get("normalize").asBoolean()).isTrue();
    assertThat(settings.get("maxLength").asInt()).isEqualTo(64);
    assertThat(settings.get("name").asText()).isEqualTo("tiny-bert");
    try (OnnxEncoder encoder = ModelRegistry.loadDirectory(model, RuntimeOptions.defaults())) {
      float[][] actual = encoder.embedBatch(texts);
      double worst = 0;
      for (int i = 0; i < texts.size(); i++) {
        assertThat(actual[i]).hasSize(expected.get(i).size());
        for (int j = 0; j < actual[i].length; j++) {
          worst = Math.max(worst, Math.abs(actual[i][j] - expected.get(i).get(j).asDouble()));
        }
      }
      assertThat(worst).as("largest difference from PyTorch over %d texts", texts.size()).isLessThan(1e-4);
    }
  }

  /** 50 texts: short and long (some truncated at 64 tokens), known words, unknown words, punctuation. */
  private static List<String> texts() {
    List<String> out = new ArrayList<>();
    String[] base = {"My parcel never arrived", "Refund please, I was charged twice!", "Where is my box?",
        "The login error makes the app crash", "great movie, terrible plot", "Zyxxq unknown wørds ☃ here",
        "the team won the match at the city", "What number is the date?"};
    for (int i = 0; i < 50; i++) {
      StringBuilder text = new StringBuilder(base[i % base.length]);
      for (int r = 0; r < i / 8; r++) {
        text.append(' ').append(base[(i + r) % base.length]);
      }
      if (i % 13 == 0) {
        text.append(" and the ".repeat(i / 2 + 1));
      }
      out.add(text.toString());
    }
    return out;
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, output + "\n(timed out)");
    }
    return new Result(process.exitValue(), output);
  }

  private static void check(Result result) {
    assertThat(result.exit()).as(result.output()).isZero();
  }
}
