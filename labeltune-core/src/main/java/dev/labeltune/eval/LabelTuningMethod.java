package dev.labeltune.eval;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import java.util.Objects;

/**
 * Label tuning: starts from the zero-shot label embeddings and trains them on the examples'
 * frozen embeddings; the encoder stays shared.
 *
 * @since 0.1
 */
public final class LabelTuningMethod implements ClassificationMethod {
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
    float[][] labels = new LabelTuner(options.withSeed(seed)).tune(FrozenEmbeddings.examples(encoder, task),
        FrozenEmbeddings.targets(task), zeroShot.classifier(task).labelEmbeddings()).labelEmbeddings();
    return FrozenEmbeddings.linear(encoder, labels, null);
  }
}
