package dev.labeltune.torch.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DJL network reproduces ONNX Runtime on the same weights, before and after an export. */
class TrainableEncoderParityTest {

  /** 50 sentences of varied length, so batches pad and the attention mask matters. */
  static List<String> sentences() {
    String[] subjects = {"The parcel", "My refund", "This phone", "The new update to the mobile banking app",
        "Our team"};
    String[] predicates = {"arrived two days late and the box was damaged.", "is great!",
        "has not been processed although I asked three times last week, which is frustrating.",
        "works.", "keeps crashing whenever I open the settings page on my tablet.", "was cancelled.",
        "deserves a better review than the one it got in the newspaper yesterday evening.",
        "is fine", "cannot be found anywhere in the order history of my account.", "rocks"};
    List<String> out = new ArrayList<>();
    for (String s : subjects) {
      for (String p : predicates) {
        out.add(s + " " + p);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5"})
  void embeddingsMatchOnnxRuntime(String model) {
    ModelFiles files = ModelRegistry.files(model);
    List<String> texts = sentences();
    try (TrainableEncoder trainable = TrainableEncoder.load(files, 0, 0.1f);
        OnnxEncoder onnx = files.open(RuntimeOptions.defaults())) {
      float[][] expected = onnx.embedBatch(texts);
      float[][] actual = trainable.embed(texts, 16);
      double difference = SmallTask.maxAbsDifference(expected, actual);
      System.out.printf("%s: max abs difference DJL vs ONNX Runtime %.2e%n", model, difference);
      assertThat(difference).isLessThan(1e-4);

      try (OnnxEncoder exported = trainable.toModelFiles(model + "-copy").open(RuntimeOptions.defaults())) {
        assertThat(SmallTask.maxAbsDifference(expected, exported.embedBatch(texts))).isLessThan(1e-5);
      }
    }
  }

}
