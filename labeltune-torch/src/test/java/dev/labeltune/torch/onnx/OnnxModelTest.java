package dev.labeltune.torch.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.ModelLoadException;
import dev.labeltune.encoder.EncoderConfig;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.Pooling;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.testing.TinyOnnx;
import dev.labeltune.torch.network.BertWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxModelTest {
  private static final byte[] TINY = TinyOnnx.tokenStates(7, 4, "last_hidden_state").tokenOutput("last_hidden_state").toBytes();

  @Test
  void readsNodesAndInitializers() {
    OnnxModel model = OnnxModel.parse(TINY);
    assertThat(model.nodes()).extracting(OnnxModel.Node::opType).containsExactly("Mod", "Gather");
    assertThat(model.initializers()).containsKeys("table", "vocab");
    assertThat(model.initializers().get("table").dims()).containsExactly(7, 4);
    assertThat(model.floats("table")).containsExactly(TinyOnnx.table(7, 4));
  }

  @Test
  void rewritesWeightsAndKeepsEverythingElse() throws Exception {
    OnnxModel model = OnnxModel.parse(TINY);
    float[] doubled = model.floats("table").clone();
    for (int i = 0; i < doubled.length; i++) {
      doubled[i] *= 2;
    }
    byte[] rewritten = model.withWeights(Map.of("table", doubled));
    OnnxModel again = OnnxModel.parse(rewritten);
    assertThat(again.floats("table")).containsExactly(doubled);
    assertThat(again.nodes()).isEqualTo(model.nodes());
    assertThat(model.withWeights(Map.of())).isEqualTo(TINY);

    ModelFiles tokenizer = ModelRegistry.files("all-minilm-l6-v2");
    EncoderConfig raw = new EncoderConfig(Pooling.MEAN, false, "", 16);
    try (OnnxEncoder original = new ModelFiles("tiny", TINY, tokenizer.tokenizerJson(), raw).open(RuntimeOptions.defaults());
        OnnxEncoder changed = new ModelFiles("tiny2", rewritten, tokenizer.tokenizerJson(), raw).open(RuntimeOptions.defaults())) {
      float[] a = original.embed("hello world");
      float[] b = changed.embed("hello world");
      for (int j = 0; j < a.length; j++) {
        assertThat(b[j]).isCloseTo(2 * a[j], org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void refusesWrongReplacements() {
    OnnxModel model = OnnxModel.parse(TINY);
    assertThatThrownBy(() -> model.withWeights(Map.of("nope", new float[1])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> model.withWeights(Map.of("table", new float[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("28 values");
    assertThatThrownBy(() -> model.floats("vocab")).isInstanceOf(OnnxFormatException.class).hasMessageContaining("not float32");
  }

  @Test
  void truncatedAndCorruptFilesFailClearly() {
    for (int cut : List.of(TINY.length - 1, TINY.length / 2, 10)) {
      assertThatThrownBy(() -> OnnxModel.parse(Arrays.copyOf(TINY, cut))).as("cut at " + cut)
          .isInstanceOf(OnnxFormatException.class).hasMessageContaining("Invalid ONNX model");
    }
    assertThatThrownBy(() -> OnnxModel.parse("not a model at all".getBytes()))
        .isInstanceOf(OnnxFormatException.class);
    assertThatThrownBy(() -> OnnxModel.parse(new byte[0])).isInstanceOf(OnnxFormatException.class)
        .hasMessageContaining("no graph");
  }

  @Test
  void onlyFloatBertExportsCanBeTrained() {
    assertThatThrownBy(() -> BertWeights.locate(OnnxModel.parse(TINY)))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("Not a BERT-family encoder export");
    assertThatThrownBy(() -> BertWeights.locate(OnnxModel.parse(ModelRegistry.files("all-minilm-l6-v2-q").onnx())))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("quantized");
  }

  @Test
  void locatesEveryWeightOfARealExport() {
    BertWeights weights = BertWeights.locate(OnnxModel.parse(ModelRegistry.files("all-minilm-l6-v2").onnx()));
    assertThat(weights.config().layers()).isEqualTo(6);
    assertThat(weights.config().heads()).isEqualTo(12);
    assertThat(weights.config().hiddenSize()).isEqualTo(384);
    assertThat(weights.config().intermediateSize()).isEqualTo(1536);
    assertThat(weights.config().layerNormEpsilon()).isEqualTo(1e-12f);
    assertThat(weights.shape("encoder.layer.0.intermediate.dense.weight")).containsExactly(1536, 384);
  }
}
