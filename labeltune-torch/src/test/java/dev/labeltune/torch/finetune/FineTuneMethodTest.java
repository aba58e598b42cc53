package dev.labeltune.torch.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.BatchPrediction;
import dev.labeltune.eval.FewShotTask;
import dev.labeltune.eval.FittedClassifier;
import dev.labeltune.eval.ZeroShotMethod;
import dev.labeltune.torch.network.SmallTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ft} as an evaluation method and distillation teacher, on the real all-minilm-l6-v2. */
class FineTuneMethodTest {
  private static final List<String> LABELS = List.of("sport", "finance", "cooking");
  private static final RuntimeOptions RUNTIME = RuntimeOptions.defaults().withMaxLength(128);

  @Test
  void teacherProbabilitiesAreSharperThanTheCalibratedClassifiersOnTheSameLabels() throws Exception {
    List<LabeledText> examples = new ArrayList<>();
    for (int i = 0; i < SmallTask.TRAIN.size(); i++) {
      examples.add(LabeledText.of(SmallTask.TRAIN.get(i), LABELS.get(SmallTask.LABELS[i])));
    }
    FewShotTask task = new FewShotTask(LABELS, examples, TaskSpec.empty(), false, List.of());
    ModelFiles base = ModelRegistry.files("all-minilm-l6-v2");
    FineTuner tuner = new FineTuner(FineTuneOptions.builder().epochs(2).scale(1).build());
    try (OnnxEncoder shared = base.open(RUNTIME)) {
      FineTuneMethod method = new FineTuneMethod(base, new ZeroShotMethod(shared, Optional.empty()), tuner, RUNTIME);
      float[][] p = method.probabilities(task, 5, SmallTask.TEST);
      BatchPrediction predicted;
      try (FittedClassifier fitted = method.fit(task, 5)) {
        predicted = fitted.predict(SmallTask.TEST);
      }
      double meanTop = 0;
      for (int i = 0; i < p.length; i++) {
        float sum = 0;
        int top = 0;
        for (int c = 0; c < p[i].length; c++) {
          sum += p[i][c];
          top = p[i][c] > p[i][top] ? c : top;
        }
        assertThat(sum).isCloseTo(1f, within(1e-4f));
        // The teacher and the classifier are the same model: same label, but the classifier scores at
        // its calibrated temperature (at least the loss scale's 1), far softer than the teacher's 0.05.
        assertThat(predicted.labels()[i]).containsExactly(top);
        assertThat(predicted.confidence()[i]).isLessThan(p[i][top]);
        meanTop += p[i][top] / p.length;
      }
      // softmax(cos) over three labels stays near 1/3; at the zero-shot temperature a tuned model is sure.
      assertThat(meanTop).isGreaterThan(0.8);
    }
  }
}
