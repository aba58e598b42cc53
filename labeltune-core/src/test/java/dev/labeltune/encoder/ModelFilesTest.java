package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.ModelLoadException;
import dev.labeltune.testing.RealModels;
import dev.labeltune.testing.TinyOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

  @Test
  void builtinFilesMatchTheLoadedEncoder() {
    ModelFiles files = ModelRegistry.files("all-minilm-l6-v2");
    assertThat(files.fingerprint()).isEqualTo(RealModels.miniLm().info().fingerprint());
    assertThat(files.config().pooling()).isEqualTo(Pooling.MEAN);
    assertThatThrownBy(() -> ModelRegistry.files("no-such-model")).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("Unknown model 'no-such-model'");
  }

  @Test
  void savedDirectoryLoadsBackAndReplacesAtomically(@TempDir Path dir) throws IOException {
    ModelFiles real = ModelRegistry.files("all-minilm-l6-v2");
    byte[] tiny = TinyOnnx.tokenStates(11, 6, "last_hidden_state").tokenOutput("last_hidden_state").toBytes();
    ModelFiles files = new ModelFiles("tiny", tiny, real.tokenizerJson(), new EncoderConfig(Pooling.CLS, false, "q: ", 32))
        .withTemperature(0.5);
    Path target = dir.resolve("model");
    ModelRegistry.save(files, target, Map.of("base", "test"));
    ModelFiles read = ModelRegistry.files(target.toString());
    assertThat(read.name()).isEqualTo("tiny");
    assertThat(read.onnx()).isEqualTo(tiny);
    assertThat(read.config()).isEqualTo(files.config());
    try (OnnxEncoder encoder = ModelRegistry.load(target.toString())) {
      assertThat(encoder.info().fingerprint()).isEqualTo(files.fingerprint());
      assertThat(encoder.info().dimension()).isEqualTo(6);
      assertThat(encoder.info().config().temperature()).isEqualTo(0.5);
    }

    ModelRegistry.save(new ModelFiles("tiny2", tiny, real.tokenizerJson(), files.config()), target, Map.of());
    assertThat(ModelRegistry.files(target.toString()).name()).isEqualTo("tiny2");
    try (var entries = Files.list(dir)) {
      assertThat(entries).containsExactly(target);
    }
    // The directory gets the default permissions of a new directory, not a temporary one's owner-only.
    Path plain = Files.createDirectory(dir.resolve("plain"));
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void aDirectoryWithoutATemperatureHasThePreTrainedOneAndABadOneIsRefused(@TempDir Path dir) throws IOException {
    ModelFiles real = ModelRegistry.files("all-minilm-l6-v2");
    byte[] tiny = TinyOnnx.tokenStates(11, 6, "last_hidden_state").tokenOutput("last_hidden_state").toBytes();
    Files.write(dir.resolve("model.onnx"), tiny);
    Files.write(dir.resolve("tokenizer.json"), real.tokenizerJson());
    Files.writeString(dir.resolve(ModelRegistry.CONFIG_FILE), "{\"pooling\": \"mean\"}");
    assertThat(ModelRegistry.files(dir.toString()).config().temperature()).isEqualTo(EncoderConfig.DEFAULT_TEMPERATURE);
    Files.writeString(dir.resolve(ModelRegistry.CONFIG_FILE), "{\"temperature\": -1}");
    assertThatThrownBy(() -> ModelRegistry.files(dir.toString())).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("temperature must be positive and finite, found -1.0");
  }

  @Test
  void failedSaveLeavesNothingBehind(@TempDir Path dir) throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "not a directory");
    ModelFiles files = ModelRegistry.files("all-minilm-l6-v2");
    assertThatThrownBy(() -> ModelRegistry.save(files, blocker.resolve("model"), Map.of()))
        .isInstanceOf(IOException.class);
    try (var entries = Files.list(dir)) {
      assertThat(entries).containsExactly(blocker);
    }
  }
}
