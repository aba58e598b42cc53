package dev.labeltune.eval;

import dev.labeltune.classify.LabelSet;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.Encoder;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Siamese zero-shot baseline: ignores the examples and scores texts against the templated label
 * texts. On multi-label tasks it predicts the single best label.
 *
 * @since 0.1
 */
public final class ZeroShotMethod implements ClassificationMethod {
  private final Encoder encoder;
  private final Optional<HypothesisTemplate> template;

  /**
   * @param encoder the shared encoder
   * @param template a template that overrides the task's own, if present
   */
  public ZeroShotMethod(Encoder encoder, Optional<HypothesisTemplate> template) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.template = Objects.requireNonNull(template, "template");
  }

  @Override
  public String name() {
    return "zero-shot";
  }

  /**
   * Builds the zero-shot classifier of a task: its labels, verbalizations and descriptions, and the
   * template given here, else the task's, else the default.
   *
   * @param task the task
   * @return the classifier
   */
  public ZeroShotClassifier classifier(FewShotTask task) {
    return ZeroShotClassifier.builder(encoder).labels(task.labels()).task(task.spec()).task(templateOnly()).build();
  }

  /**
   * The labels of a task worded and checked as {@link #classifier} words and checks them, without
   * embedding anything.
   *
   * @param task the task
   * @return its labels and their texts
   */
  public LabelSet labelSet(FewShotTask task) {
    return LabelSet.builder().labels(task.labels()).task(task.spec()).task(templateOnly()).build().requireFor(false);
  }

  /** @return the template given here as a task's wording, or no wording */
  private TaskSpec templateOnly() {
    return new TaskSpec(template, Map.of(), Map.of());
  }

  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    ZeroShotClassifier classifier = classifier(task);
    return FrozenEmbeddings.linear(encoder, classifier.labelEmbeddings(), null, Double.NaN,
        classifier.scoring().temperature());
  }
}
