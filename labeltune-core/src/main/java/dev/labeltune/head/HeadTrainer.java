package dev.labeltune.head;

import dev.labeltune.classify.TaskSpec;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import dev.labeltune.tuning.LabelTuningResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
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
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.options = Objects.requireNonNull(options, "options");
    this.method = Objects.requireNonNull(method, "method");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param examples single-label examples; the head's labels are their distinct labels, sorted
   * @param task template, verbalizations and descriptions of the labels
   * @return the trained head
   * @throws IllegalArgumentException if there are fewer than two labels or an example is unlabeled
   *     or multi-labeled
   */
  public TaskHead train(List<LabeledText> examples, TaskSpec task) {
    TreeSet<String> distinct = new TreeSet<>();
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i).labels().size() != 1) {
        throw new IllegalArgumentException("Example " + (i + 1) + " must have exactly one label, found "
            + examples.get(i).labels());
      }
      distinct.add(examples.get(i).label());
    }
    List<String> labels = List.copyOf(distinct);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("Training needs examples of at least 2 labels, found " + labels);
    }
    ZeroShotClassifier zeroShot = ZeroShotClassifier.builder(encoder).labels(labels).task(task).build();
    float[][] x = encoder.embedBatch(examples.stream().map(LabeledText::text).toList());
    int[] y = examples.stream().mapToInt(e -> labels.indexOf(e.label())).toArray();
    LabelTuningResult result = new LabelTuner(options).tune(x, y, zeroShot.labelEmbeddings());
    EncoderInfo info = encoder.info();
    HeadProvenance provenance = new HeadProvenance(info.name(), info.fingerprint(), info.dimension(), method,
        result.config(), result.cvMacroF1(), result.zeroShotMacroF1(), examples.size(),
        HeadProvenance.CURRENT_VERSION, clock.instant());
    return TaskHead.of(labels, zeroShot.labelTexts(), result.labelEmbeddings(), result.temperature(), provenance);
  }
}
