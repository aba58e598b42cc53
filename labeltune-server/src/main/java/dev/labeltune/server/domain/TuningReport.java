package dev.labeltune.server.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A tuning job's cross-validation report: how the tuned head and zero-shot did on the task's own
 * examples, each example predicted by the fold that held it out. Kept with the job and drawn by the
 * page; its property names are the same in the store and the API.
 *
 * @param labels the head's labels, the rows and columns of the confusion matrices
 * @param tuned the tuned head's figures
 * @param zeroShot zero-shot's figures on the same examples
 */
public record TuningReport(@JsonProperty(value = "labels", required = true) List<String> labels,
    @JsonProperty(value = "tuned", required = true) Metrics tuned,
    @JsonProperty(value = "zero_shot", required = true) Metrics zeroShot) {
  /** Copies the labels. */
  public TuningReport {
    labels = List.copyOf(labels);
  }

  /**
   * One candidate's figures, in percent.
   *
   * @param macroF1 macro-F1
   * @param accuracy accuracy
   * @param perLabel each label's scores, in the order of the labels
   * @param confusion counts of gold label (row) predicted as label (column)
   */
  public record Metrics(@JsonProperty(value = "macro_f1", required = true) double macroF1,
      @JsonProperty(value = "accuracy", required = true) double accuracy,
      @JsonProperty(value = "per_label", required = true) List<LabelScores> perLabel,
      @JsonProperty(value = "confusion", required = true) List<List<Integer>> confusion) {
    /** Copies the lists. */
    public Metrics {
      perLabel = List.copyOf(perLabel);
      confusion = confusion.stream().map(List::copyOf).toList();
    }
  }

  /**
   * One label's scores, in percent.
   *
   * @param label the label
   * @param f1 its F1
   * @param precision its precision
   * @param recall its recall
   * @param support its examples
   */
  public record LabelScores(@JsonProperty(value = "label", required = true) String label,
      @JsonProperty(value = "f1", required = true) double f1,
      @JsonProperty(value = "precision", required = true) double precision,
      @JsonProperty(value = "recall", required = true) double recall,
      @JsonProperty(value = "support", required = true) int support) {}
}
