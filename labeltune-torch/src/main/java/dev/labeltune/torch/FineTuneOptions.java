package dev.labeltune.torch;

/**
 * Settings of {@link FineTuner}. Build with {@link #builder()}; {@link #defaults()} are the settings
 * BENCHMARKS.md measures.
 *
 * @param epochs passes over the examples; each pass shows every label once per round
 * @param learningRate peak AdamW learning rate
 * @param warmupFraction fraction of the steps over which the learning rate rises linearly from 0;
 *     it then decays linearly to 0
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm the global gradient norm is clipped to this
 * @param scale the factor on cosines in the batch-softmax loss, by the number of labels in the
 *     batch; {@link LossScale#byLabels()} by default
 * @param maxLabelsPerBatch labels (hence examples) per batch; rounds of more labels are split at
 *     random, which also bounds memory
 * @param maxLength maximum tokens per text during training; longer texts are truncated
 * @param dropout dropout rate inside the encoder while training
 * @param validationFraction fraction of each label's examples held out to stop early; 0 for none
 * @param patience epochs without a better held-out accuracy before stopping
 * @param seed seeds example order, label sampling and dropout
 * @since 0.1
 */
public record FineTuneOptions(int epochs, float learningRate, float warmupFraction, float weightDecay,
    float maxGradNorm, LossScale scale, int maxLabelsPerBatch, int maxLength, float dropout, float validationFraction,
    int patience, long seed) {

  /** Validates the values. */
  public FineTuneOptions {
    require(epochs >= 1, "epochs must be at least 1, found " + epochs);
    require(learningRate > 0 && Float.isFinite(learningRate), "learningRate must be positive, found " + learningRate);
    require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction must be in [0, 1), found " + warmupFraction);
    require(weightDecay >= 0, "weightDecay must not be negative, found " + weightDecay);
    require(maxGradNorm > 0, "maxGradNorm must be positive, found " + maxGradNorm);
    require(scale != null, "scale must not be null");
    require(maxLabelsPerBatch >= 2 && maxLabelsPerBatch <= 512,
        "maxLabelsPerBatch must be in [2, 512], found " + maxLabelsPerBatch);
    require(maxLength >= 2, "maxLength must be at least 2, found " + maxLength);
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), found " + dropout);
    require(validationFraction >= 0 && validationFraction < 1,
        "validationFraction must be in [0, 1), found " + validationFraction);
    require(patience >= 1, "patience must be at least 1, found " + patience);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
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
    Builder b = new Builder();
    b.epochs = epochs;
    b.learningRate = learningRate;
    b.warmupFraction = warmupFraction;
    b.weightDecay = weightDecay;
    b.maxGradNorm = maxGradNorm;
    b.scale = scale;
    b.maxLabelsPerBatch = maxLabelsPerBatch;
    b.maxLength = maxLength;
    b.dropout = dropout;
    b.validationFraction = validationFraction;
    b.patience = patience;
    b.seed = seed;
    return b;
  }

  /** Builds {@link FineTuneOptions}. */
  public static final class Builder {
    private int epochs = 10;
    private float learningRate = 5e-5f;
    private float warmupFraction = 0.1f;
    private float weightDecay = 0.01f;
    private float maxGradNorm = 1f;
    private LossScale scale = LossScale.byLabels();
    private int maxLabelsPerBatch = 32;
    private int maxLength = 128;
    private float dropout = TrainableEncoder.DEFAULT_DROPOUT;
    private float validationFraction = 0f;
    private int patience = 2;
    private long seed = 42;

    private Builder() {}

    /** @param v passes over the data @return this builder */
    public Builder epochs(int v) {
      epochs = v;
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

    /** @param v dropout rate while training @return this builder */
    public Builder dropout(float v) {
      dropout = v;
      return this;
    }

    /** @param v held-out fraction for early stopping, 0 for none @return this builder */
    public Builder validationFraction(float v) {
      validationFraction = v;
      return this;
    }

    /** @param v epochs without improvement before stopping @return this builder */
    public Builder patience(int v) {
      patience = v;
      return this;
    }

    /** @param v the seed @return this builder */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** @return the options @throws IllegalArgumentException if a value is out of range */
    public FineTuneOptions build() {
      return new FineTuneOptions(epochs, learningRate, warmupFraction, weightDecay, maxGradNorm, scale,
          maxLabelsPerBatch, maxLength, dropout, validationFraction, patience, seed);
    }
  }
}
