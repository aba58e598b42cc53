package dev.labeltune.eval;

import dev.labeltune.classify.HypothesisTemplate;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.encoder.Encoder;
import java.util.LinkedHashMap;
import java.util.List;
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
    List<String> labels = task.labels();
    return ZeroShotClassifier.builder(encoder)
        .labels(labels)
        .template(template.or(task.spec()::template).orElse(HypothesisTemplate.DEFAULT))
        .verbalizations(only(labels, task.spec().verbalizations()))
        .descriptions(only(labels, task.spec().descriptions()))
        .build();
  }

  /** Drops wording for labels the task does not have (e.g. absent from a train split). */
  private static Map<String, String> only(List<String> labels, Map<String, String> words) {
    Map<String, String> out = new LinkedHashMap<>(words);
    out.keySet().retainAll(labels);
    return out;
  }

  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    return FrozenEmbeddings.linear(encoder, classifier(task).labelEmbeddings(), null);
  }
}
