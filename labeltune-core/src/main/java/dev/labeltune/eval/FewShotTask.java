package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import dev.labeltune.classify.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a method is given to fit: the task's labels, its few labeled examples and its wording.
 *
 * @param labels every label of the task, in a fixed order that predictions index into
 * @param examples the few-shot examples (possibly none, for zero-shot)
 * @param spec template, verbalizations and descriptions of the labels
 * @param multiLabel whether a text may carry several labels
 * @param unlabeled texts without labels from the same distribution, for methods that distill
 * @since 0.1
 */
public record FewShotTask(List<String> labels, List<LabeledText> examples, TaskSpec spec, boolean multiLabel,
    List<String> unlabeled) {

  /** Validates and copies. */
  public FewShotTask {
    labels = List.copyOf(labels);
    examples = List.copyOf(examples);
    unlabeled = List.copyOf(unlabeled);
    Objects.requireNonNull(spec, "spec");
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("A task needs at least one label, found 0");
    }
  }
}
