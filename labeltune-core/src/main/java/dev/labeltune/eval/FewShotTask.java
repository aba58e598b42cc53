package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
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

  /**
   * @return each example's (first) label as an index into {@link #labels()}, for single-label trainers
   * @throws IllegalArgumentException if an example's label is not one of the task's
   */
  public int[] labelIndices() {
    int[] y = new int[examples.size()];
    for (int i = 0; i < y.length; i++) {
      String label = examples.get(i).labels().get(0);
      y[i] = labels.indexOf(label);
      if (y[i] < 0) {
        throw new IllegalArgumentException("Example " + (i + 1) + " has label '" + label
            + "', which is not one of the task's labels " + labels);
      }
    }
    return y;
  }
}
