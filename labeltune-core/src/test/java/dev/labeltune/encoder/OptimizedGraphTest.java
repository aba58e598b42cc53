package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimized copy of a cached graph on the real default model: written once, reused, rewritten when damaged. */
class OptimizedGraphTest {
  private static final BuiltinModel MODEL = ModelRegistry.builtin(ModelRegistry.DEFAULT_MODEL).orElseThrow();
  private static final List<String> TEXTS = List.of("My parcel never arrived",
      "The invoice charged me twice for the same order, please refund the difference.", "ok",
      "long ".repeat(300));
  private final String previous = System.getProperty(ModelCache.DIR_PROPERTY);
  @TempDir Path cache;
  private float[][] plain;

  @BeforeEach
  void setUp() {
    System.setProperty(ModelCache.DIR_PROPERTY, cache.toString());
    try (OnnxEncoder fromJar = ModelRegistry.files(MODEL.name()).open(RuntimeOptions.defaults())) {
      plain = fromJar.embedBatch(TEXTS);
    }
  }

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty(ModelCache.DIR_PROPERTY);
    } else {
      System.setProperty(ModelCache.DIR_PROPERTY, previous);
    }
  }

  @Test
  void theFirstLoadWritesTheCopy_laterLoadsOpenIt_embeddingsEqualTheOriginalsBitForBit() throws Exception {
    assertEmbeddingsArePlain();
    Path copy = copyDirectory();
    assertThat(copy.resolve("model.onnx.data")).isRegularFile();
    assertThat(Files.size(copy.resolve("model.onnx.data"))).isGreaterThan(80_000_000L);
    assertThat(Files.size(copy.resolve("model.onnx"))).isLessThan(1_000_000L);
    long written = Files.getLastModifiedTime(copy.resolve("model.onnx.data")).toMillis();
    try (var siblings = Files.list(copy.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()).toList())
          .as("no temporary directory left behind").containsExactlyInAnyOrder("model.onnx", "fingerprint",
              copy.getFileName().toString());
    }

    assertEmbeddingsArePlain();
    assertThat(Files.getLastModifiedTime(copy.resolve("model.onnx.data")).toMillis()).isEqualTo(written);
  }

  @Test
  void aTruncatedCopyIsWrittenAgain() throws Exception {
    assertEmbeddingsArePlain();
    Path weights = copyDirectory().resolve("model.onnx.data");
    long size = Files.size(weights);
    try (var channel = Files.newByteChannel(weights, StandardOpenOption.WRITE)) {
      channel.truncate(size / 2);
    }
    assertEmbeddingsArePlain();
    assertThat(Files.size(copyDirectory().resolve("model.onnx.data"))).isEqualTo(size);
  }

  @Test
  void aCopyTheRuntimeRefusesIsWrittenAgain() throws Exception {
    assertEmbeddingsArePlain();
    Path graph = copyDirectory().resolve("model.onnx");
    byte[] original = Files.readAllBytes(graph);
    byte[] garbage = new byte[original.length];
    new Random(7).nextBytes(garbage);
    Files.write(graph, garbage);
    assertEmbeddingsArePlain();
    assertThat(Files.readAllBytes(copyDirectory().resolve("model.onnx"))).isEqualTo(original);
  }

  @Test
  void withoutACacheTheModelStillLoads() {
    System.setProperty(ModelCache.DIR_PROPERTY, "none");
    assertEmbeddingsArePlain();
  }

  private void assertEmbeddingsArePlain() {
    try (OnnxEncoder encoder = ModelRegistry.load(MODEL, RuntimeOptions.defaults())) {
      float[][] embedded = encoder.embedBatch(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertThat(embedded[i]).as(TEXTS.get(i)).containsExactly(plain[i]);
      }
    }
  }

  private Path copyDirectory() throws IOException {
    Path entry = ModelCache.builtin(MODEL).orElseThrow().onnx().getParent();
    try (var children = Files.list(entry)) {
      return children.filter(p -> p.getFileName().toString().startsWith("optimized-ort-")).findFirst().orElseThrow();
    }
  }
}
