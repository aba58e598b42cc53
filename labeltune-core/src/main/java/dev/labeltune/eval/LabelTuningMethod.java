package dev.labeltune.eval;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import dev.labeltune.tuning.LabelTuningResult;
import java.util.List;
import java.util.Objects;

/**
 * Label tuning: starts from the zero-shot label embeddings and trains them on the examples'
 * frozen embeddings; the encoder stays shared.
 *
 * @since 0.1
 */
public final class LabelTuningMethod implements ClassificationMethod, DistillationMethod.Teacher {
  private final String name;
  private final Encoder encoder;
  private final ZeroShotMethod zeroShot;
  private final LabelTunerOptions options;

  /**
   * @param name the method's name in reports ({@code lt}, {@code lt-paper})
   * @param encoder the shared encoder
   * @param zeroShot gives the starting label embeddings
   * @param options the tuning procedure; its seed is replaced by each run's seed
   */
  public LabelTuningMethod(String name, Encoder encoder, ZeroShotMethod zeroShot, LabelTunerOptions options) {
    this.name = Objects.requireNonNull(name, "name");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.zeroShot = Objects.requireNonNull(zeroShot, "zeroShot");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    LabelTuningResult result = tune(task, seed);
    return FrozenEmbeddings.linear(encoder, result.labelEmbeddings(), result.bias(), result.threshold(),
        result.temperature());
  }

  /** Probabilities are the softmax of the tuned scores at the cross-validated temperature. */
  @Override
  public float[][] probabilities(FewShotTask task, long seed, List<String> texts) {
    return tune(task, seed).probabilities(encoder.embedBatch(texts));
  }

  /** Multi-label tasks are tuned with per-label sigmoids and a cross-validated threshold. */
  private LabelTuningResult tune(FewShotTask task, long seed) {
    LabelTuner tuner = new LabelTuner(options.withSeed(seed));
    float[][] x = FrozenEmbeddings.examples(encoder, task);
    float[][] y0 = zeroShot.classifier(task).labelEmbeddings();
    return task.multiLabel() ? tuner.tuneMultiLabel(x, FrozenEmbeddings.memberships(task), y0)
        : tuner.tune(x, FrozenEmbeddings.targets(task), y0);
  }
}
