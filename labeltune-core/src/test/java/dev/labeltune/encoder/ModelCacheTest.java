package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {
  private static final BuiltinModel MODEL = ModelRegistry.builtin(ModelRegistry.DEFAULT_MODEL).orElseThrow();
  private final String previous = System.getProperty(ModelCache.DIR_PROPERTY);

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty(ModelCache.DIR_PROPERTY);
    } else {
      System.setProperty(ModelCache.DIR_PROPERTY, previous);
    }
  }

  @Test
  void unpacksOnce_fingerprintIsTheWeights_encoderFromTheCacheEqualsTheJars(@TempDir Path dir) throws Exception {
    System.setProperty(ModelCache.DIR_PROPERTY, dir.toString());
    Optional<ModelCache.Entry> first = ModelCache.builtin(MODEL);
    assertThat(first).isPresent();
    String expected = ModelRegistry.files(MODEL.name()).fingerprint();
    assertThat(first.get().fingerprint()).isEqualTo(expected);
    assertThat(Files.size(first.get().onnx())).isEqualTo(ModelRegistry.files(MODEL.name()).onnx().length);
    long modified = Files.getLastModifiedTime(first.get().onnx()).toMillis();
    assertThat(ModelCache.builtin(MODEL)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(first.get().onnx()).toMillis()).isEqualTo(modified);
    // Only the entry itself: no temporary directories left behind.
    try (var entries = Files.list(dir)) {
      assertThat(entries.toList()).containsExactly(first.get().onnx().getParent());
    }
    try (OnnxEncoder cached = ModelRegistry.load(MODEL, RuntimeOptions.defaults());
        OnnxEncoder fromJar = ModelRegistry.files(MODEL.name()).open(RuntimeOptions.defaults())) {
      assertThat(cached.info()).isEqualTo(fromJar.info());
      assertThat(cached.embedBatch(List.of("My parcel never arrived"))[0])
          .containsExactly(fromJar.embedBatch(List.of("My parcel never arrived"))[0]);
    }
  }

  @Test
  void theKeyIsTheBytesNotWhereTheJarIs(@TempDir Path dir) throws Exception {
    URL original = getClass().getClassLoader().getResource(MODEL.modelResource());
    assertThat(original.getProtocol()).isEqualTo("jar");
    Path jar = Path.of(((JarURLConnection) original.openConnection()).getJarFileURL().toURI());
    Path copy = Files.copy(jar, dir.resolve("another-clone.jar"));
    Files.setLastModifiedTime(copy, FileTime.fromMillis(0));
    URL copied = new URL("jar:" + copy.toUri() + "!/" + MODEL.modelResource());
    assertThat(ModelCache.contentKey(copied)).isPresent().isEqualTo(ModelCache.contentKey(original));
    URL tokenizer = new URL("jar:" + copy.toUri() + "!/" + MODEL.tokenizerResource());
    assertThat(ModelCache.contentKey(tokenizer)).isPresent().isNotEqualTo(ModelCache.contentKey(original));
    assertThat(ModelCache.contentKey(copy.toUri().toURL())).isEmpty();
  }

  @Test
  void listsAndClearsItsEntries(@TempDir Path dir) throws Exception {
    System.setProperty(ModelCache.DIR_PROPERTY, dir.resolve("cache").toString());
    assertThat(ModelCache.list()).isEmpty();
    ModelCache.Entry entry = ModelCache.builtin(MODEL).orElseThrow();
    List<ModelCache.Item> items = ModelCache.list();
    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.name()).isEqualTo(entry.onnx().getParent().getFileName().toString()).startsWith(MODEL.name() + "-");
      assertThat(item.bytes()).isGreaterThan(Files.size(entry.onnx()));
    });
    assertThat(ModelCache.clear()).isEqualTo(items.get(0).bytes());
    assertThat(ModelCache.list()).isEmpty();
    assertThat(ModelCache.builtin(MODEL)).isPresent();
  }

  @Test
  void aTruncatedEntryIsReplaced(@TempDir Path dir) throws Exception {
    System.setProperty(ModelCache.DIR_PROPERTY, dir.toString());
    ModelCache.Entry entry = ModelCache.builtin(MODEL).orElseThrow();
    byte[] head = new byte[1000];
    Files.write(entry.onnx(), head);
    ModelCache.Entry again = ModelCache.builtin(MODEL).orElseThrow();
    assertThat(again.fingerprint()).isEqualTo(entry.fingerprint());
    assertThat(Files.size(again.onnx())).isGreaterThan(1_000_000);
  }

  @Test
  void noneTurnsItOff_anUnusableDirectoryFallsBackToTheJar(@TempDir Path dir) throws Exception {
    System.setProperty(ModelCache.DIR_PROPERTY, "none");
    assertThat(ModelCache.builtin(MODEL)).isEmpty();
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    System.setProperty(ModelCache.DIR_PROPERTY, file.resolve("cache").toString());
    assertThat(ModelCache.builtin(MODEL)).isEmpty();
    try (OnnxEncoder encoder = ModelRegistry.load(MODEL, RuntimeOptions.defaults())) {
      assertThat(encoder.info().fingerprint()).startsWith("sha256:");
    }
  }
}
