package dev.labeltune.eval;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import dev.labeltune.tuning.LabelTuningResult;
import java.util.List;
import java.util.Objects;

/**
 * Label tuning with knowledge distillation (LT-KD): a teacher trained on the few labeled examples
 * labels the task's unlabeled texts with probability distributions, and the label embeddings of the
 * untouched shared encoder are tuned on those soft targets together with the gold examples.
 *
 * @since 0.1
 */
public final class DistillationMethod implements ClassificationMethod {
  private final Encoder encoder;
  private final ClassificationMethod teacher;
  private final ZeroShotMethod zeroShot;
  private final LabelTunerOptions options;

  /**
   * @param encoder the shared encoder, which the student's label embeddings belong to
   * @param teacher the teacher; it must produce probabilities ({@link Teacher})
   * @param zeroShot gives the student's starting label embeddings
   * @param options the student's label-tuning procedure; its seed is replaced by each run's seed
   */
  public DistillationMethod(Encoder encoder, ClassificationMethod teacher, ZeroShotMethod zeroShot,
      LabelTunerOptions options) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.teacher = Objects.requireNonNull(teacher, "teacher");
    this.zeroShot = Objects.requireNonNull(zeroShot, "zeroShot");
    this.options = Objects.requireNonNull(options, "options");
    if (!(teacher instanceof Teacher)) {
      throw new IllegalArgumentException("The teacher '" + teacher.name() + "' does not give label probabilities");
    }
  }

  @Override
  public String name() {
    return "lt-kd";
  }

  /**
   * @throws IllegalArgumentException for multi-label tasks, whose teachers give no distribution
   *     over labels
   */
  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    if (task.multiLabel()) {
      throw new IllegalArgumentException("lt-kd supports single-label tasks only; use lt for multi-label data");
    }
    List<String> unlabeled = task.unlabeled();
    float[][] pool = unlabeled.isEmpty() ? new float[0][] : encoder.embedBatch(unlabeled);
    float[][] soft = unlabeled.isEmpty() ? new float[0][] : ((Teacher) teacher).probabilities(task, seed, unlabeled);
    LabelTuningResult result = new LabelTuner(options.withSeed(seed)).distill(FrozenEmbeddings.examples(encoder, task),
        FrozenEmbeddings.targets(task), pool, soft, zeroShot.classifier(task).labelEmbeddings());
    return FrozenEmbeddings.linear(encoder, result.labelEmbeddings(), result.bias(), Double.NaN, result.temperature());
  }

  /** A method that, once fitted on a task, gives label probabilities for texts. */
  public interface Teacher {
    /**
     * @param task the few-shot task to learn from
     * @param seed the run's seed
     * @param texts texts to label
     * @return per text, a probability distribution over the task's labels
     */
    float[][] probabilities(FewShotTask task, long seed, List<String> texts);
  }
}
