package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.labeltune.ModelLoadException;
import dev.labeltune.math.Vectors;
import dev.labeltune.testing.TinyOnnx;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Graphs that differ from the usual Hugging Face export, built in memory with {@link TinyOnnx}. */
class ModelVariationsTest {
  private static final int VOCAB = 50;
  private static final int DIM = 6;
  private static final EncoderConfig MEAN = new EncoderConfig(Pooling.MEAN, true, "", 32);

  private static OnnxEncoder load(TinyOnnx graph, EncoderConfig config) throws IOException {
    try (InputStream tok = ModelVariationsTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      return OnnxEncoder.create("tiny", graph.toBytes(), tok, config, RuntimeOptions.defaults().withCacheSize(0));
    }
  }

  /** What the tiny graph should compute for a text, from its real token ids. */
  private static float[] expectedMean(long[] ids) {
    float[] table = TinyOnnx.table(VOCAB, DIM);
    float[] v = new float[DIM];
    for (long id : ids) {
      for (int j = 0; j < DIM; j++) {
        v[j] += table[(int) (id % VOCAB) * DIM + j] / ids.length;
      }
    }
    return Vectors.normalizeInPlace(v);
  }

  // [CLS] hello world [SEP] in the all-MiniLM-L6-v2 vocabulary
  private static final long[] HELLO_WORLD = {101, 7592, 2088, 102};

  @Test
  void pooledOutputOnly_noTokenTypeIds() throws IOException {
    TinyOnnx graph = TinyOnnx.tokenStates(VOCAB, DIM, "states").pooled("states", "sentence_embedding");
    try (OnnxEncoder e = load(graph, MEAN)) {
      assertThat(e.info().dimension()).isEqualTo(DIM);
      float[] v = e.embedBatch(List.of("hello world", "a longer text that pads the other one")) [0];
      float[] expected = expectedMean(HELLO_WORLD);
      for (int j = 0; j < DIM; j++) {
        assertThat(v[j]).isCloseTo(expected[j], within(1e-5f));
      }
      assertThatThrownBy(() -> e.tokenFeatures(List.of("hello"))).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("only pooled sentence embeddings");
    }
  }

  @Test
  void unconventionallyNamedTokenOutputIsPooledHere() throws IOException {
    TinyOnnx graph = TinyOnnx.tokenStates(VOCAB, DIM, "output_0").tokenOutput("output_0");
    try (OnnxEncoder e = load(graph, MEAN)) {
      float[] v = e.embed("hello world");
      float[] expected = expectedMean(HELLO_WORLD);
      for (int j = 0; j < DIM; j++) {
        assertThat(v[j]).isCloseTo(expected[j], within(1e-5f));
      }
      assertThat(e.tokenFeatures(List.of("hello world")).get(0).length()).isEqualTo(4);
    }
  }

  @Test
  void unsupportedInputIsRefusedAtLoad() {
    TinyOnnx graph = TinyOnnx.tokenStates(VOCAB, DIM, "last_hidden_state").tokenOutput("last_hidden_state")
        .extraInput("pixel_values");
    assertThatThrownBy(() -> load(graph, MEAN)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("unsupported input 'pixel_values'");
  }
}
