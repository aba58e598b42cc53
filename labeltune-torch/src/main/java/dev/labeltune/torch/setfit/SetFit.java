package dev.labeltune.torch.setfit;

import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.torch.finetune.FineTuneResult;
import dev.labeltune.torch.network.TrainableEncoder;
import dev.labeltune.tuning.LogisticRegression;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SetFit: contrastive fine-tuning of the encoder on pairs of the examples ({@link SetFitTuner}),
 * then logistic regression on the tuned embeddings. The result runs like any other LabelTune
 * classifier on ONNX Runtime: the tuned encoder as a model directory and the regression as a task
 * head (label rows plus a bias) bound to it.
 *
 * <pre>{@code
 * SetFit.Model m = SetFit.train(new SetFitTuner(SetFitOptions.defaults()), ModelRegistry.files("all-minilm-l6-v2"),
 *     "tickets-setfit", labels, texts, y, RuntimeOptions.defaults(), Clock.systemUTC());
 * ModelRegistry.save(m.encoder(), Path.of("tickets-setfit"), Map.of());
 * m.head().save(Path.of("tickets-setfit/head.json"));
 * }</pre>
 *
 * @since 0.1
 */
public final class SetFit {
  /** The provenance method of SetFit heads. */
  public static final String METHOD = "setfit";

  /**
   * A trained SetFit classifier.
   *
   * @param encoder the tuned encoder, ready to save or open
   * @param head the logistic-regression head, bound to that encoder's fingerprint
   * @param training what the contrastive stage did
   */
  public record Model(ModelFiles encoder, TaskHead head, FineTuneResult training) {}

  private SetFit() {}

  /**
   * @param tuner the contrastive settings and progress listener
   * @param base the pre-trained model
   * @param name the tuned model's name
   * @param labels label names, by index
   * @param texts the examples
   * @param y each example's label index
   * @param runtime how the tuned encoder runs while the head is fitted
   * @param clock stamps the head
   * @return the tuned encoder and its head
   * @throws IllegalArgumentException before any training if there are fewer than two labels or a label
   *     has no example
   */
  public static Model train(SetFitTuner tuner, ModelFiles base, String name, List<String> labels, List<String> texts,
      int[] y, RuntimeOptions runtime, Clock clock) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(clock, "clock");
    FineTuneResult training;
    ModelFiles tuned;
    try (TrainableEncoder encoder = tuner.load(base)) {
      training = tuner.fit(encoder, labels, texts, y);
      tuned = encoder.toModelFiles(name);
    }
    // The head learns from the embeddings ONNX Runtime computes, the ones it will score.
    try (OnnxEncoder encoder = tuned.open(runtime)) {
      LogisticRegression regression = LogisticRegression.fit(encoder.embedBatch(texts), y, labels.size(),
          tuner.options().headC());
      EncoderInfo info = encoder.info();
      HeadProvenance provenance = new HeadProvenance(info.name(), info.fingerprint(), info.dimension(), METHOD,
          Optional.empty(), Double.NaN, Double.NaN, texts.size(), HeadProvenance.CURRENT_VERSION, clock.instant());
      TaskHead head = TaskHead.of(labels, labels, regression.weights(), 1.0, Double.NaN, provenance)
          .withBias(regression.bias());
      return new Model(tuned, head, training);
    }
  }
}
