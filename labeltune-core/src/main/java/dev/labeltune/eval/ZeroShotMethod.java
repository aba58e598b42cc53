package dev.labeltune.eval;

import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.encoder.Encoder;
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
    ZeroShotClassifier.Builder builder = ZeroShotClassifier.builder(encoder).labels(task.labels()).task(task.spec());
    template.ifPresent(builder::template);
    return builder.build();
  }

  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    ZeroShotClassifier classifier = classifier(task);
    return FrozenEmbeddings.linear(encoder, classifier.labelEmbeddings(), null, Double.NaN,
        classifier.scoring().temperature());
  }
}
