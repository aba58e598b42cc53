package dev.labeltune.torch.finetune;

import dev.labeltune.torch.network.EarlyStopping;
import dev.labeltune.torch.network.TrainingSettings;

/**
 * Settings of {@link FineTuner}. Build with {@link #builder()}; {@link #defaults()} are the settings
 * BENCHMARKS.md measures: 10 epochs, AdamW at 5e-5 with 10 % linear warm-up then linear decay,
 * weight decay 0.01, gradient norm clipped at 1, the encoder's dropout, no early stopping, the
 * temperature fitted by 2-fold cross-validation where the loss scale is above 1.
 *
 * @param training the optimizer settings every trainer shares
 * @param stopping early stopping on held-out examples (off at a validation fraction of 0)
 * @param warmupFraction fraction of the steps over which the learning rate rises linearly from 0;
 *     it then decays linearly to 0
 * @param scale the factor on cosines in the batch-softmax loss, by the number of labels in the
 *     batch; {@link LossScale#byLabels()} by default
 * @param maxLabelsPerBatch labels (hence examples) per batch; rounds of more labels are split at
 *     random, which also bounds memory
 * @param maxLength maximum tokens per text during training; longer texts are truncated
 * @param calibrationFolds folds of the cross-validation that fits the tuned model's softmax
 *     temperature where the loss scale is above 1 (a copy is tuned on all folds but one and scores
 *     that one, for each fold, before the model itself is tuned: this many more tunings on 1 - 1/folds
 *     of the data); 0 takes the inverse of the loss scale instead, as do a scale of 1 and a label with
 *     fewer examples than folds ({@link FineTuner#tune})
 * @since 0.1
 */
public record FineTuneOptions(TrainingSettings training, EarlyStopping stopping, float warmupFraction, LossScale scale,
    int maxLabelsPerBatch, int maxLength, int calibrationFolds) {

  /** Validates the values. */
  public FineTuneOptions {
    TrainingSettings.require(training != null && stopping != null, "training and stopping must be given");
    TrainingSettings.require(warmupFraction >= 0 && warmupFraction < 1,
        "warmupFraction must be in [0, 1), found " + warmupFraction);
    TrainingSettings.require(scale != null, "scale must not be null");
    TrainingSettings.require(maxLabelsPerBatch >= 2 && maxLabelsPerBatch <= 512,
        "maxLabelsPerBatch must be in [2, 512], found " + maxLabelsPerBatch);
    TrainingSettings.require(maxLength >= 2, "maxLength must be at least 2, found " + maxLength);
    TrainingSettings.require(calibrationFolds == 0 || calibrationFolds >= 2 && calibrationFolds <= 20,
        "calibrationFolds must be 0 or in [2, 20], found " + calibrationFolds);
  }

  /** @return the measured default settings */
  public static FineTuneOptions defaults() {
    return builder().build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @param seed a new seed @return a copy with that seed */
  public FineTuneOptions withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    return new Builder().training(training).stopping(stopping).warmupFraction(warmupFraction).scale(scale)
        .maxLabelsPerBatch(maxLabelsPerBatch).maxLength(maxLength).calibrationFolds(calibrationFolds);
  }

  /** Builds {@link FineTuneOptions}. */
  public static final class Builder extends EarlyStopping.Builder<Builder> {
    private float warmupFraction = 0.1f;
    private LossScale scale = LossScale.byLabels();
    private int maxLabelsPerBatch = 32;
    private int maxLength = 128;
    private int calibrationFolds = 2;

    private Builder() {
      super(10, 5e-5f, 0f, 2);
    }

    /** @param v warm-up fraction of the steps @return this builder */
    public Builder warmupFraction(float v) {
      warmupFraction = v;
      return this;
    }

    /** @param v the loss scale by labels per batch @return this builder */
    public Builder scale(LossScale v) {
      scale = v;
      return this;
    }

    /**
     * @param v one loss scale for every batch
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is not positive and finite
     */
    public Builder scale(float v) {
      return scale(LossScale.fixed(v));
    }

    /** @param v labels per batch @return this builder */
    public Builder maxLabelsPerBatch(int v) {
      maxLabelsPerBatch = v;
      return this;
    }

    /** @param v maximum tokens per text @return this builder */
    public Builder maxLength(int v) {
      maxLength = v;
      return this;
    }

    /** @param v cross-validation folds fitting the temperature, 0 for the loss scale's @return this builder */
    public Builder calibrationFolds(int v) {
      calibrationFolds = v;
      return this;
    }

    /** @return the options @throws IllegalArgumentException if a value is out of range */
    public FineTuneOptions build() {
      return new FineTuneOptions(training(), stopping(), warmupFraction, scale, maxLabelsPerBatch, maxLength,
          calibrationFolds);
    }
  }
}
