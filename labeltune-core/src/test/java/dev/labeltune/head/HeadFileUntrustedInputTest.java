package dev.labeltune.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.Prediction;
import dev.labeltune.testing.FakeEncoder;
import dev.labeltune.testing.HeadFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Head files as untrusted input: every crafted file is refused with a message, before allocating. */
class HeadFileUntrustedInputTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @TempDir
  Path dir;

  private ObjectNode valid() throws IOException {
    Path file = dir.resolve("valid.json");
    TaskHeadTest.trained(new FakeEncoder(16)).save(file);
    return HeadFiles.read(file);
  }

  private TaskHead loadCrafted(Consumer<ObjectNode> change, HeadLimits limits) throws IOException {
    ObjectNode root = valid();
    change.accept(root);
    Path file = dir.resolve("crafted.json");
    HeadFiles.writeSigned(root, file);
    return TaskHead.load(file, limits);
  }

  private TaskHead loadCrafted(Consumer<ObjectNode> change) throws IOException {
    return loadCrafted(change, HeadLimits.defaults());
  }

  private static ObjectNode provenance(ObjectNode root) {
    return (ObjectNode) root.get("provenance");
  }

  @Test
  void load_shapeWhoseByteCountOverflowsIntIsRefusedBeforeAllocating() {
    // 2 x 536,871,488 x 4 bytes wraps around to a small int; the file holds 2 x 16 floats.
    HeadLimits unlimited = new HeadLimits(1L << 30, Integer.MAX_VALUE, Integer.MAX_VALUE);
    assertThatThrownBy(() -> loadCrafted(r -> provenance(r).put("dimension", 536_871_488), unlimited))
        .isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("'embeddings' holds 32 floats, but the declared shape needs 1073742976");
    assertThatThrownBy(() -> loadCrafted(r -> provenance(r).put("dimension", 536_871_488)))
        .isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("'dimension' must be a whole number between 1 and 4096, found 536871488");
  }

  @Test
  void load_hugeDimensionIsReportedAsItIs() {
    HeadLimits unlimited = new HeadLimits(1L << 30, Integer.MAX_VALUE, Integer.MAX_VALUE);
    assertThatThrownBy(() -> loadCrafted(r -> provenance(r).put("dimension", 1_000_000_000), unlimited))
        .isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("needs 2000000000").hasMessageNotContaining("-1294967296");
  }

  @Test
  void load_fileOverTheSizeLimitIsRefusedBeforeParsing() throws IOException {
    Path file = dir.resolve("h.json");
    TaskHeadTest.trained(new FakeEncoder(16)).save(file);
    assertThatThrownBy(() -> TaskHead.load(file, new HeadLimits(100, 10, 10)))
        .isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("bytes, over the limit of 100 (system property labeltune.head.maxFileBytes)");
  }

  @Test
  void load_labelCountOverTheLimitIsRefused() {
    assertThatThrownBy(() -> loadCrafted(r -> { }, new HeadLimits(1 << 20, 1, 16)))
        .isInstanceOf(IncompatibleHeadException.class)
        .hasMessageContaining("'labels' has 2 entries, over the limit of 1");
  }

  @ParameterizedTest
  @ValueSource(ints = {10_000, 100_000})
  void saveLoad_manyLabelsRoundTripAndPredict(int labels) throws IOException {
    int dimension = 384;
    TaskHead head = randomHead(labels, dimension, 7);
    Path file = dir.resolve("many.head.json");
    head.save(file);
    TaskHead back = TaskHead.load(file);
    assertThat(back.labels()).hasSize(labels).isEqualTo(head.labels());
    assertThat(back.labelEmbeddings()[labels - 1]).isEqualTo(head.labelEmbeddings()[labels - 1]);
    FakeEncoder encoder = new FakeEncoder(dimension);
    Prediction p = back.bind(encoder).classify("any text at all");
    assertThat(p.probability()).isBetween(0.0, 1.0);
  }

  @Test
  void save_headOverTheLimitsIsRefusedSoThatWhatSavesLoads() {
    TaskHead head = randomHead(3, 8, 1);
    Path file = dir.resolve("over.json");
    assertThatThrownBy(() -> head.toBytes(new HeadLimits(1 << 20, 2, 8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 labels exceed the limit of 2");
    assertThatThrownBy(() -> head.toBytes(new HeadLimits(200, 10, 8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit of 200 bytes");
    assertThat(Files.exists(file)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul\u0000", "esc\u001b[31mred", "rtl\u202Eevil", "", "   ", "\u200B\u200B", "\uD800lone"})
  void load_labelNamesWithControlCharactersOrNoContentAreRefused(String bad) {
    assertThatThrownBy(() -> loadCrafted(r -> ((ArrayNode) r.get("labels")).set(0, NODES.textNode(bad))))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("Label name");
  }

  @Test
  void load_hugeDuplicateAndNonStringLabelsAreRefused() {
    assertThatThrownBy(() -> loadCrafted(r -> ((ArrayNode) r.get("labels")).set(0, NODES.textNode("x".repeat(100_000)))))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("100000 characters long; the limit is 256");
    assertThatThrownBy(() -> loadCrafted(r -> ((ArrayNode) r.get("labels")).set(0, r.get("labels").get(1))))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("appears twice");
    for (var value : List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.objectNode())) {
      assertThatThrownBy(() -> loadCrafted(r -> ((ArrayNode) r.get("labels")).set(0, value)))
          .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("'labels'[0] must be a string");
    }
  }

  @Test
  void load_rowsOfHugeFiniteValuesAreRefused() {
    assertThatThrownBy(() -> loadCrafted(r -> {
      float[] rows = new float[2 * 16];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = i % 2 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE;
      }
      r.put("embeddings", base64(rows));
    })).isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("over the limit of 1000000");
  }

  @Test
  void load_temperatureAndThresholdAreParsedStrictlyAndRangeChecked() {
    assertThatThrownBy(() -> loadCrafted(r -> r.put("temperature", "abc")))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("'temperature' must be a number, found \"abc\"");
    assertThatThrownBy(() -> loadCrafted(r -> r.put("temperature", 1e-320)))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("'temperature' must be a number between");
    assertThatThrownBy(() -> loadCrafted(r -> r.put("threshold", 1e300)))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("threshold must be between");
    assertThatThrownBy(() -> loadCrafted(r -> provenance(r).put("dimension", "16")))
        .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("'dimension' must be a whole number");
  }

  @Test
  void of_rowsWithHugeValuesAndTemperaturesOutOfRangeAreRefused() {
    HeadProvenance p = provenance(2);
    float[][] huge = {{Float.MAX_VALUE, 0}, {0, 1}};
    assertThatThrownBy(() -> TaskHead.of(List.of("a", "b"), List.of("a", "b"), huge, 0.05, Double.NaN, p))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("norm");
    float[][] rows = {{1, 0}, {0, 1}};
    assertThatThrownBy(() -> TaskHead.of(List.of("a", "b"), List.of("a", "b"), rows, 1e-320, Double.NaN, p))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature must be between");
  }

  private static String base64(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(b.array());
  }

  private static HeadProvenance provenance(int dimension) {
    return new HeadProvenance("fake", "sha256:fake", dimension, "lt", Optional.empty(), Double.NaN, Double.NaN, 0,
        HeadProvenance.CURRENT_VERSION, Instant.parse("2026-11-27T00:00:00Z"));
  }

  static TaskHead randomHead(int labels, int dimension, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> names = new ArrayList<>(labels);
    float[][] rows = new float[labels][dimension];
    for (int k = 0; k < labels; k++) {
      names.add("label " + k);
      for (int j = 0; j < dimension; j++) {
        rows[k][j] = (float) (random.nextDouble() * 2 - 1) / 10;
      }
    }
    return TaskHead.of(names, names, rows, 0.05, Double.NaN, provenance(dimension));
  }
}
