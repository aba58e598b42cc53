package dev.labeltune.head;

import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.math.Vectors;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import dev.labeltune.tuning.LabelTuningResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns labeled examples into a {@link TaskHead}: embeds the examples and the labels' zero-shot
 * texts with the shared encoder, then label-tunes. Thread-safe; it does not own the encoder.
 *
 * <pre>{@code
 * TaskHead head = new HeadTrainer(encoder, LabelTunerOptions.defaults()).train(examples, TaskSpec.empty());
 * head.save(Path.of("tickets.head.json"));
 * }</pre>
 *
 * @since 0.1
 */
public final class HeadTrainer {
  private final Encoder encoder;
  private final LabelTunerOptions options;
  private final String method;
  private final Clock clock;
  private final LabelTuner.Progress progress;

  /**
   * @param encoder the shared encoder
   * @param options the label-tuning procedure
   */
  public HeadTrainer(Encoder encoder, LabelTunerOptions options) {
    this(encoder, options, "lt", Clock.systemUTC());
  }

  /**
   * @param encoder the shared encoder
   * @param options the label-tuning procedure
   * @param method the method name recorded in the head's provenance
   * @param clock the clock for the provenance time stamp
   */
  public HeadTrainer(Encoder encoder, LabelTunerOptions options, String method, Clock clock) {
    this(encoder, options, method, clock, (done, total) -> { });
  }

  private HeadTrainer(Encoder encoder, LabelTunerOptions options, String method, Clock clock,
      LabelTuner.Progress progress) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.options = Objects.requireNonNull(options, "options");
    this.method = Objects.requireNonNull(method, "method");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * @param progress receives the tuning runs' progress (once for the teacher and once for the
   *     student when distilling)
   * @return a copy reporting to it
   */
  public HeadTrainer withProgress(LabelTuner.Progress progress) {
    return new HeadTrainer(encoder, options, method, clock, progress);
  }

  /**
   * Trains a head. When any example carries several labels the task is multi-label: every label is
   * decided on its own against a threshold chosen by cross-validation.
   *
   * @param examples labeled examples; the head's labels are their distinct labels, sorted
   * @param task template, verbalizations and descriptions of the labels
   * @return the trained head
   * @throws IllegalArgumentException if there are fewer than two labels or an example is unlabeled
   */
  public TaskHead train(List<LabeledText> examples, TaskSpec task) {
    return train(examples, task, List.of());
  }

  /**
   * Trains a head with knowledge distillation: a label-tuned teacher is trained on the examples,
   * labels the unlabeled texts with its calibrated probabilities, and the head is tuned on those soft
   * targets together with the examples. With no unlabeled texts this is {@link #train(List, TaskSpec)}.
   *
   * @param examples labeled single-label examples
   * @param task template, verbalizations and descriptions of the labels
   * @param unlabeled texts without labels from the same source
   * @return the distilled head
   * @throws IllegalArgumentException if the examples are multi-label and there are unlabeled texts
   */
  public TaskHead train(List<LabeledText> examples, TaskSpec task, List<String> unlabeled) {
    return trainReported(examples, task, unlabeled, null).head();
  }

  /**
   * Knowledge distillation with the teacher's work done elsewhere: for unlabeled texts embedded and
   * labeled by a teacher head (a Spark job over a large corpus, say), the head is tuned on those soft
   * targets together with the examples.
   *
   * @param examples labeled single-label examples
   * @param task template, verbalizations and descriptions of the labels
   * @param pool M x d embeddings of the unlabeled texts by this trainer's encoder
   * @param teacher M x K the teacher's probabilities for them, in the order of the examples' sorted
   *     distinct labels (the order of a head trained on the examples)
   * @return the distilled head
   * @throws IllegalArgumentException if the examples are multi-label or the shapes disagree
   */
  public TaskHead distill(List<LabeledText> examples, TaskSpec task, float[][] pool, float[][] teacher) {
    if (pool.length != teacher.length || pool.length == 0) {
      throw new IllegalArgumentException("Distillation needs as many teacher rows as pool embeddings, at least one; found "
          + pool.length + " embeddings and " + teacher.length + " teacher rows");
    }
    return trainReported(examples, task, List.of(), new PoolTargets(pool, teacher)).head();
  }

  /** Unlabeled embeddings with a teacher's probabilities. */
  private record PoolTargets(float[][] pool, float[][] teacher) {}

  /**
   * A trained head with, for single-label tasks, how the chosen candidate and zero-shot did on the
   * examples: out-of-fold predictions of the cross-validation against the gold labels.
   *
   * @param head the head
   * @param report per-label scores and confusion matrices, empty for multi-label tasks
   */
  public record Trained(TaskHead head, Optional<CrossValidationReport> report) {}

  /**
   * The chosen candidate's out-of-fold metrics next to zero-shot's, on the training examples.
   *
   * @param tuned the head's configuration, each example predicted by the fold that held it out
   * @param zeroShot the zero-shot label embeddings on the same examples
   */
  public record CrossValidationReport(ClassificationMetrics tuned, ClassificationMetrics zeroShot) {}

  /**
   * Trains a head as {@link #train(List, TaskSpec)} does and reports its cross-validation.
   *
   * @param examples labeled examples
   * @param task template, verbalizations and descriptions of the labels
   * @return the head and, for single-label examples, the report
   */
  public Trained trainWithReport(List<LabeledText> examples, TaskSpec task) {
    return trainReported(examples, task, List.of(), null);
  }

  private Trained trainReported(List<LabeledText> examples, TaskSpec task, List<String> unlabeled, PoolTargets given) {
    TreeSet<String> distinct = new TreeSet<>();
    boolean multiLabel = false;
    for (int i = 0; i < examples.size(); i++) {
      List<String> labels = examples.get(i).labels();
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("Example " + (i + 1) + " has no label");
      }
      multiLabel |= labels.size() > 1;
      distinct.addAll(labels);
    }
    List<String> labels = List.copyOf(distinct);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("Training needs examples of at least 2 labels, found " + labels);
    }
    ZeroShotClassifier zeroShot = ZeroShotClassifier.builder(encoder).labels(labels).task(task).build();
    float[][] x = encoder.embedBatch(examples.stream().map(LabeledText::text).toList());
    float[][] targets = new float[examples.size()][labels.size()];
    for (int i = 0; i < targets.length; i++) {
      for (String l : examples.get(i).labels()) {
        targets[i][labels.indexOf(l)] = 1f;
      }
    }
    LabelTuner tuner = new LabelTuner(options, progress);
    float[][] y0 = zeroShot.labelEmbeddings();
    LabelTuningResult result;
    boolean distills = !unlabeled.isEmpty() || given != null;
    if (multiLabel) {
      if (distills) {
        throw new IllegalArgumentException("Distillation needs single-label examples; these are multi-label");
      }
      result = tuner.tuneMultiLabel(x, targets, y0);
    } else if (given != null) {
      checkShape("pool embedding", given.pool(), encoder.info().dimension());
      checkShape("teacher row", given.teacher(), labels.size());
      result = tuner.distill(x, targets, given.pool(), given.teacher(), y0);
    } else {
      result = tuner.tune(x, targets, y0);
      if (!unlabeled.isEmpty()) {
        float[][] pool = encoder.embedBatch(unlabeled);
        result = tuner.distill(x, targets, pool, result.probabilities(pool), y0);
      }
    }
    EncoderInfo info = encoder.info();
    HeadProvenance provenance = new HeadProvenance(info.name(), info.fingerprint(), info.dimension(), method,
        result.config(), result.cvMacroF1(), result.zeroShotMacroF1(), examples.size(),
        HeadProvenance.CURRENT_VERSION, clock.instant());
    TaskHead head = TaskHead.of(labels, zeroShot.labelTexts(), result.labelEmbeddings(), result.temperature(),
        result.threshold(), provenance).withBias(result.bias());
    if (multiLabel || distills) {
      return new Trained(head, Optional.empty());
    }
    int[] gold = new int[examples.size()];
    for (int i = 0; i < gold.length; i++) {
      gold[i] = labels.indexOf(examples.get(i).label());
    }
    return new Trained(head, Optional.of(new CrossValidationReport(
        ClassificationMetrics.compute(labels, gold, argmaxRows(result.outOfFoldScores(), labels.size())),
        ClassificationMetrics.compute(labels, gold, argmaxRows(result.zeroShotScores(), labels.size())))));
  }

  private static void checkShape(String what, float[][] rows, int width) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != width) {
        throw new IllegalArgumentException("Distillation " + what + " " + i + " has "
            + (rows[i] == null ? "no values" : rows[i].length + " values") + ", expected " + width);
      }
    }
  }

  private static int[] argmaxRows(float[] scores, int k) {
    int[] out = new int[scores.length / k];
    for (int i = 0; i < out.length; i++) {
      out[i] = Vectors.argmax(scores, i * k, k);
    }
    return out;
  }
}
