package dev.labeltune.torch.ytuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.TokenFeatures;
import dev.labeltune.eval.BatchPrediction;
import dev.labeltune.eval.FewShotTask;
import dev.labeltune.eval.FittedClassifier;
import dev.labeltune.eval.ZeroShotMethod;
import dev.labeltune.testing.FakeEncoder;
import dev.labeltune.torch.network.SmallTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YTuningMethodTest {
  /** Counts the texts whose token states are computed. */
  static final class CountingEncoder implements Encoder {
    final FakeEncoder inner = new FakeEncoder(24);
    final List<String> tokenized = new ArrayList<>();

    @Override
    public EncoderInfo info() {
      return inner.info();
    }

    @Override
    public float[][] embedBatch(List<String> texts) {
      return inner.embedBatch(texts);
    }

    @Override
    public List<TokenFeatures> tokenFeatures(List<String> texts) {
      tokenized.addAll(texts);
      return inner.tokenFeatures(texts);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void laterSeedsReuseTheTestTextsTokenStatesAndPredictTheSame() {
    CountingEncoder encoder = new CountingEncoder();
    List<LabeledText> examples = new ArrayList<>();
    for (int i = 0; i < SmallTask.TRAIN.size(); i++) {
      examples.add(LabeledText.of(SmallTask.TRAIN.get(i), YTunerTest.LABELS.get(SmallTask.LABELS[i])));
    }
    FewShotTask task = new FewShotTask(YTunerTest.LABELS, examples, TaskSpec.empty(), false, List.of());
    YTuningMethod method = new YTuningMethod(encoder, new ZeroShotMethod(encoder, Optional.empty()),
        new YTuner(YTuningOptions.builder().heads(4).epochs(2).validationFraction(0).build()));
    List<String> test = SmallTask.TEST;
    BatchPrediction first;
    try (FittedClassifier fitted = method.fit(task, 1)) {
      first = fitted.predict(test);
    }
    assertThat(encoder.tokenized).containsAll(test);
    encoder.tokenized.clear();
    try (FittedClassifier fitted = method.fit(task, 1)) {
      BatchPrediction again = fitted.predict(test);
      assertThat(again.labels()).isDeepEqualTo(first.labels());
    }
    assertThat(encoder.tokenized).doesNotContainAnyElementsOf(test);
  }
}
