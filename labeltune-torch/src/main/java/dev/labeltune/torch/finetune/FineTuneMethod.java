package dev.labeltune.torch.finetune;

import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.ClassificationMethod;
import dev.labeltune.eval.DistillationMethod;
import dev.labeltune.eval.FewShotTask;
import dev.labeltune.eval.FittedClassifier;
import dev.labeltune.eval.FrozenEmbeddings;
import dev.labeltune.eval.ZeroShotMethod;
import dev.labeltune.math.Vectors;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ft} method of the evaluation protocol: fine-tune the whole encoder with batch softmax
 * against the task's label texts (the zero-shot wording), then classify zero-shot style with the
 * tuned encoder, run on ONNX Runtime from the exported graph. Its probabilities are the softmax at
 * the temperature the tuned model carries ({@link FineTuner#tune}): the pre-trained temperature
 * would make them overconfident, as the tuned encoder separates the labels more widely. As a distillation
 * {@link DistillationMethod.Teacher} it gives its probabilities at the pre-trained temperature
 * ({@link ScoringOptions#DEFAULT_TEMPERATURE}) instead, sharper targets the student was measured to
 * learn well from (BENCHMARKS.md).
 *
 * <p>Fitted models are kept per task and seed (the last {@value RecentlyTuned#KEPT}), so {@code ft} and
 * {@code lt-kd} with the {@code ft} teacher, evaluated one after the other on the same seeds,
 * fine-tune once per seed.
 *
 * @since 0.1
 */
public final class FineTuneMethod implements ClassificationMethod, DistillationMethod.Teacher {
  private final ModelFiles base;
  private final ZeroShotMethod zeroShot;
  private final FineTuner tuner;
  private final RuntimeOptions runtime;

  /** What fine-tuning depends on: not the unlabeled pool, which only distillation uses. */
  private record Key(List<String> labels, List<LabeledText> examples, TaskSpec spec, long seed) {}

  private final RecentlyTuned<Key, FineTunedModel> tuned = new RecentlyTuned<>();

  /**
   * @param base the pre-trained model to fine-tune
   * @param zeroShot gives each label's text
   * @param tuner the fine-tuning settings (its seed is replaced by each run's) and progress listener
   * @param runtime how the tuned encoder runs when predicting
   */
  public FineTuneMethod(ModelFiles base, ZeroShotMethod zeroShot, FineTuner tuner, RuntimeOptions runtime) {
    this.base = Objects.requireNonNull(base, "base");
    this.zeroShot = Objects.requireNonNull(zeroShot, "zeroShot");
    this.tuner = Objects.requireNonNull(tuner, "tuner");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  @Override
  public String name() {
    return "ft";
  }

  /** @throws IllegalArgumentException for multi-label tasks: batch softmax assumes one label per text */
  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    List<String> labelTexts = zeroShot.labelSet(task).texts();
    FineTunedModel model = tune(task, seed, labelTexts);
    OnnxEncoder encoder = model.files().open(runtime);
    float[][] labels = encoder.embedBatch(labelTexts);
    return FrozenEmbeddings.linearOwning(encoder, labels, null, Double.NaN, model.files().config().temperature())
        .reportingSkippedSteps(model.training().skippedSteps());
  }

  @Override
  public float[][] probabilities(FewShotTask task, long seed, List<String> texts) {
    List<String> labelTexts = zeroShot.labelSet(task).texts();
    try (OnnxEncoder encoder = tune(task, seed, labelTexts).files().open(runtime)) {
      float[][] scores = Vectors.dotRows(encoder.embedBatch(labelTexts), encoder.embedBatch(texts));
      float[][] out = new float[scores.length][];
      for (int i = 0; i < scores.length; i++) {
        double[] p = Vectors.softmax(scores[i], ScoringOptions.DEFAULT_TEMPERATURE);
        out[i] = new float[p.length];
        for (int c = 0; c < p.length; c++) {
          out[i][c] = (float) p[c];
        }
      }
      return out;
    }
  }

  /** Fine-tunes on the task's examples, or returns the model an earlier call tuned on the same task and seed. */
  private FineTunedModel tune(FewShotTask task, long seed, List<String> labelTexts) {
    if (task.multiLabel()) {
      throw new IllegalArgumentException("ft supports single-label tasks only: batch softmax assumes one label per text");
    }
    return tuned.get(new Key(task.labels(), task.examples(), task.spec(), seed), () -> {
      List<String> texts = task.examples().stream().map(LabeledText::text).toList();
      FineTuner seeded = new FineTuner(tuner.options().withSeed(seed)).withProgress(tuner.progress());
      return seeded.tune(base, base.name() + "-ft", labelTexts, texts, task.labelIndices());
    });
  }
}
