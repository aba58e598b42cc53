package dev.labeltune.torch.network;

/**
 * The optimizer settings every trainer here shares (fine-tuning, SetFit, Y-Tuning): AdamW with
 * decoupled weight decay, global gradient-norm clipping, dropout while training, and one seed for
 * everything random. Each trainer's options record holds one of these beside its own settings.
 *
 * @param epochs passes over the training data (for early-stopping trainers, the most)
 * @param learningRate AdamW's (peak) learning rate
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradNorm the global gradient norm is clipped to this; infinity turns clipping off
 * @param dropout dropout rate while training
 * @param seed seeds sampling, order, initialization and dropout
 * @since 0.1
 */
public record TrainingSettings(int epochs, float learningRate, float weightDecay, float maxGradNorm, float dropout,
    long seed) {

  /** Validates the values. */
  public TrainingSettings {
    require(epochs >= 1, "epochs must be at least 1, found " + epochs);
    require(learningRate > 0 && Float.isFinite(learningRate), "learningRate must be positive, found " + learningRate);
    require(weightDecay >= 0, "weightDecay must not be negative, found " + weightDecay);
    require(maxGradNorm > 0, "maxGradNorm must be positive, found " + maxGradNorm);
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), found " + dropout);
  }

  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The part of a trainer's options builder that sets the shared settings.
   *
   * @param <B> the trainer's builder
   */
  public abstract static class Builder<B extends Builder<B>> {
    int epochs;
    float learningRate;
    float weightDecay = 0.01f;
    float maxGradNorm = 1f;
    float dropout = TrainableEncoder.DEFAULT_DROPOUT;
    long seed = 42;

    protected Builder(int epochs, float learningRate) {
      this.epochs = epochs;
      this.learningRate = learningRate;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** @param v passes over the data @return this builder */
    public B epochs(int v) {
      epochs = v;
      return self();
    }

    /** @param v (peak) learning rate @return this builder */
    public B learningRate(float v) {
      learningRate = v;
      return self();
    }

    /** @param v AdamW weight decay @return this builder */
    public B weightDecay(float v) {
      weightDecay = v;
      return self();
    }

    /** @param v gradient-norm clip @return this builder */
    public B maxGradNorm(float v) {
      maxGradNorm = v;
      return self();
    }

    /** @param v dropout rate while training @return this builder */
    public B dropout(float v) {
      dropout = v;
      return self();
    }

    /** @param v the seed @return this builder */
    public B seed(long v) {
      seed = v;
      return self();
    }

    /** @param v every shared setting at once @return this builder */
    public B training(TrainingSettings v) {
      epochs = v.epochs();
      learningRate = v.learningRate();
      weightDecay = v.weightDecay();
      maxGradNorm = v.maxGradNorm();
      dropout = v.dropout();
      seed = v.seed();
      return self();
    }

    protected TrainingSettings training() {
      return new TrainingSettings(epochs, learningRate, weightDecay, maxGradNorm, dropout, seed);
    }
  }
}
