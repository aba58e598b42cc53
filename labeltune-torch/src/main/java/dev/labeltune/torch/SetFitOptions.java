package dev.labeltune.torch;

import dev.labeltune.tuning.LogisticRegression;

/**
 * Settings of {@link SetFitTuner}. {@link #defaults()} are the SetFit paper's: 20 pair-sampling
 * iterations, one epoch, batches of 16 pairs, AdamW at 2e-5 with 10 % linear warm-up then linear
 * decay, weight decay 0.01, gradient norm clipped at 1, dropout on, and a logistic-regression head
 * with C = 1.
 *
 * @param iterations rounds of pair sampling: each round draws, for every example, one pair with an
 *     example of the same label and one with an example of another label
 * @param epochs passes over the sampled pairs
 * @param batchSize pairs per optimizer step
 * @param learningRate peak AdamW learning rate
 * @param warmupFraction fraction of the steps over which the learning rate rises linearly from 0;
 *     it then decays linearly to 0
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm the global gradient norm is clipped to this
 * @param maxLength maximum tokens per text during training; longer texts are truncated
 * @param dropout dropout rate inside the encoder while training
 * @param headC inverse regularization strength of the logistic-regression head
 * @param seed seeds pair sampling, batch order and dropout
 * @since 0.1
 */
public record SetFitOptions(int iterations, int epochs, int batchSize, float learningRate, float warmupFraction,
    float weightDecay, float maxGradNorm, int maxLength, float dropout, double headC, long seed) {

  /** Validates the values. */
  public SetFitOptions {
    require(iterations >= 1, "iterations must be at least 1, found " + iterations);
    require(epochs >= 1, "epochs must be at least 1, found " + epochs);
    require(batchSize >= 1 && batchSize <= 512, "batchSize must be in [1, 512], found " + batchSize);
    require(learningRate > 0 && Float.isFinite(learningRate), "learningRate must be positive, found " + learningRate);
    require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction must be in [0, 1), found " + warmupFraction);
    require(weightDecay >= 0, "weightDecay must not be negative, found " + weightDecay);
    require(maxGradNorm > 0, "maxGradNorm must be positive, found " + maxGradNorm);
    require(maxLength >= 2, "maxLength must be at least 2, found " + maxLength);
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), found " + dropout);
    require(headC > 0 && Double.isFinite(headC), "headC must be positive, found " + headC);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
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
    Builder b = new Builder();
    b.iterations = iterations;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.warmupFraction = warmupFraction;
    b.weightDecay = weightDecay;
    b.maxGradNorm = maxGradNorm;
    b.maxLength = maxLength;
    b.dropout = dropout;
    b.headC = headC;
    b.seed = seed;
    return b;
  }

  /** Builds {@link SetFitOptions}. */
  public static final class Builder {
    private int iterations = 20;
    private int epochs = 1;
    private int batchSize = 16;
    private float learningRate = 2e-5f;
    private float warmupFraction = 0.1f;
    private float weightDecay = 0.01f;
    private float maxGradNorm = 1f;
    private int maxLength = 128;
    private float dropout = TrainableEncoder.DEFAULT_DROPOUT;
    private double headC = LogisticRegression.DEFAULT_C;
    private long seed = 42;

    private Builder() {}

    /** @param v pair-sampling rounds @return this builder */
    public Builder iterations(int v) {
      iterations = v;
      return this;
    }

    /** @param v passes over the pairs @return this builder */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /** @param v pairs per step @return this builder */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** @param v peak learning rate @return this builder */
    public Builder learningRate(float v) {
      learningRate = v;
      return this;
    }

    /** @param v warm-up fraction of the steps @return this builder */
    public Builder warmupFraction(float v) {
      warmupFraction = v;
      return this;
    }

    /** @param v AdamW weight decay @return this builder */
    public Builder weightDecay(float v) {
      weightDecay = v;
      return this;
    }

    /** @param v gradient-norm clip @return this builder */
    public Builder maxGradNorm(float v) {
      maxGradNorm = v;
      return this;
    }

    /** @param v maximum tokens per text @return this builder */
    public Builder maxLength(int v) {
      maxLength = v;
      return this;
    }

    /** @param v dropout rate while training @return this builder */
    public Builder dropout(float v) {
      dropout = v;
      return this;
    }

    /** @param v the head's inverse regularization strength @return this builder */
    public Builder headC(double v) {
      headC = v;
      return this;
    }

    /** @param v the seed @return this builder */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** @return the options @throws IllegalArgumentException if a value is out of range */
    public SetFitOptions build() {
      return new SetFitOptions(iterations, epochs, batchSize, learningRate, warmupFraction, weightDecay, maxGradNorm,
          maxLength, dropout, headC, seed);
    }
  }
}
