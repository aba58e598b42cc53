package dev.labeltune.torch.setfit;

import dev.labeltune.torch.network.TrainingSettings;
import dev.labeltune.tuning.LogisticRegression;

/**
 * Settings of {@link SetFitTuner}. {@link #defaults()} are the SetFit paper's: 20 pair-sampling
 * iterations, one epoch, batches of 16 pairs, AdamW at 2e-5 with 10 % linear warm-up then linear
 * decay, weight decay 0.01, gradient norm clipped at 1, dropout on, and a logistic-regression head
 * with C = 1.
 *
 * @param training the optimizer settings every trainer shares; epochs are passes over the sampled pairs
 * @param iterations rounds of pair sampling: each round draws, for every example, one pair with an
 *     example of the same label and one with an example of another label
 * @param batchSize pairs per optimizer step
 * @param warmupFraction fraction of the steps over which the learning rate rises linearly from 0;
 *     it then decays linearly to 0
 * @param maxLength maximum tokens per text during training; longer texts are truncated
 * @param headC inverse regularization strength of the logistic-regression head
 * @since 0.1
 */
public record SetFitOptions(TrainingSettings training, int iterations, int batchSize, float warmupFraction,
    int maxLength, double headC) {

  /** Validates the values. */
  public SetFitOptions {
    TrainingSettings.require(training != null, "training must be given");
    TrainingSettings.require(iterations >= 1, "iterations must be at least 1, found " + iterations);
    TrainingSettings.require(batchSize >= 1 && batchSize <= 512, "batchSize must be in [1, 512], found " + batchSize);
    TrainingSettings.require(warmupFraction >= 0 && warmupFraction < 1,
        "warmupFraction must be in [0, 1), found " + warmupFraction);
    TrainingSettings.require(maxLength >= 2, "maxLength must be at least 2, found " + maxLength);
    TrainingSettings.require(headC > 0 && Double.isFinite(headC), "headC must be positive, found " + headC);
  }

  /** @return the SetFit paper's settings */
  public static SetFitOptions defaults() {
    return builder().build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @param seed a new seed @return a copy with that seed */
  public SetFitOptions withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    return new Builder().training(training).iterations(iterations).batchSize(batchSize).warmupFraction(warmupFraction)
        .maxLength(maxLength).headC(headC);
  }

  /** Builds {@link SetFitOptions}. */
  public static final class Builder extends TrainingSettings.Builder<Builder> {
    private int iterations = 20;
    private int batchSize = 16;
    private float warmupFraction = 0.1f;
    private int maxLength = 128;
    private double headC = LogisticRegression.DEFAULT_C;

    private Builder() {
      super(1, 2e-5f);
    }

    /** @param v rounds of pair sampling @return this builder */
    public Builder iterations(int v) {
      iterations = v;
      return this;
    }

    /** @param v pairs per step @return this builder */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** @param v warm-up fraction of the steps @return this builder */
    public Builder warmupFraction(float v) {
      warmupFraction = v;
      return this;
    }

    /** @param v maximum tokens per text @return this builder */
    public Builder maxLength(int v) {
      maxLength = v;
      return this;
    }

    /** @param v the head's inverse regularization strength @return this builder */
    public Builder headC(double v) {
      headC = v;
      return this;
    }

    /** @return the options @throws IllegalArgumentException if a value is out of range */
    public SetFitOptions build() {
      return new SetFitOptions(training(), iterations, batchSize, warmupFraction, maxLength, headC);
    }
  }
}
