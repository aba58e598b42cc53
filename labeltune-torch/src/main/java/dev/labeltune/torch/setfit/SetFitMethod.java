package dev.labeltune.torch.setfit;

import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.ClassificationMethod;
import dev.labeltune.eval.FewShotTask;
import dev.labeltune.eval.FittedClassifier;
import dev.labeltune.eval.FrozenEmbeddings;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.torch.finetune.RecentlyTuned;
import dev.labeltune.tuning.LabelTunerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The {@code setfit} method of the evaluation protocol ({@link SetFit}: contrastive fine-tuning,
 * then logistic regression on the tuned embeddings), and {@code setfit-lt}: the same tuned encoder
 * with a label-tuned head instead ({@link LabelTunerOptions#defaults()}, zero-shot start from the
 * task's template read by the tuned encoder). Both run on ONNX Runtime from the exported graph.
 *
 * <p>A {@link #labelTuned()} view shares this method's tuned encoders (the last {@value RecentlyTuned#KEPT}, per
 * task and seed), so evaluating {@code setfit,setfit-lt} tunes once per seed.
 *
 * @since 0.1
 */
public final class SetFitMethod implements ClassificationMethod {
  /** What tuning depends on. */
  private record Key(List<String> labels, List<LabeledText> examples, long seed) {}

  private final ModelFiles base;
  private final SetFitTuner tuner;
  private final RuntimeOptions runtime;
  private final RecentlyTuned<Key, SetFit.Model> tuned;
  private final boolean labelTuning;

  /**
   * @param base the pre-trained model
   * @param tuner the contrastive settings (its seed is replaced by each run's) and progress listener
   * @param runtime how tuned encoders run
   */
  public SetFitMethod(ModelFiles base, SetFitTuner tuner, RuntimeOptions runtime) {
    this(base, tuner, runtime, new RecentlyTuned<>(), false);
  }

  private SetFitMethod(ModelFiles base, SetFitTuner tuner, RuntimeOptions runtime,
      RecentlyTuned<Key, SetFit.Model> tuned, boolean labelTuning) {
    this.base = Objects.requireNonNull(base, "base");
    this.tuner = Objects.requireNonNull(tuner, "tuner");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.tuned = tuned;
    this.labelTuning = labelTuning;
  }

  /** @return {@code setfit-lt}: label tuning on this method's tuned encoders */
  public SetFitMethod labelTuned() {
    return new SetFitMethod(base, tuner, runtime, tuned, true);
  }

  @Override
  public String name() {
    return labelTuning ? "setfit-lt" : SetFit.METHOD;
  }

  /** @throws IllegalArgumentException for multi-label tasks: pairs assume one label per text */
  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    SetFit.Model model = tune(task, seed);
    OnnxEncoder encoder = model.encoder().open(runtime);
    TaskHead head;
    try {
      head = labelTuning
          ? new HeadTrainer(encoder, LabelTunerOptions.defaults().withSeed(seed), "setfit-lt", Clock.systemUTC())
              .train(task.examples(), task.spec())
          : model.head();
      if (!head.labels().equals(task.labels())) {
        throw new IllegalStateException("Head labels " + head.labels() + " differ from the task's " + task.labels());
      }
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
    return FrozenEmbeddings.linearOwning(encoder, head.labelEmbeddings(), head.bias(), Double.NaN,
        head.temperature()).reportingSkippedSteps(model.training().skippedSteps());
  }

  private SetFit.Model tune(FewShotTask task, long seed) {
    if (task.multiLabel()) {
      throw new IllegalArgumentException("setfit supports single-label tasks only: its pairs assume one label per text");
    }
    return tuned.get(new Key(task.labels(), task.examples(), seed), () -> {
      SetFitTuner seeded = new SetFitTuner(tuner.options().withSeed(seed)).withProgress(tuner.progress());
      return SetFit.train(seeded, base, base.name() + "-setfit", task.labels(),
          task.examples().stream().map(LabeledText::text).toList(), task.labelIndices(), runtime, Clock.systemUTC());
    });
  }
}
