package dev.labeltune.torch.network;

/**
 * Early stopping on held-out examples, for the trainers that support it (fine-tuning, Y-Tuning).
 *
 * @param validationFraction fraction of each label's examples held out; 0 for none (train for every epoch)
 * @param patience epochs without a better held-out score before stopping
 * @since 0.1
 */
public record EarlyStopping(float validationFraction, int patience) {
  /** Validates the values. */
  public EarlyStopping {
    TrainingSettings.require(validationFraction >= 0 && validationFraction < 1,
        "validationFraction must be in [0, 1), found " + validationFraction);
    TrainingSettings.require(patience >= 1, "patience must be at least 1, found " + patience);
  }

  /**
   * The part of a trainer's options builder that sets early stopping.
   *
   * @param <B> the trainer's builder
   */
  public abstract static class Builder<B extends Builder<B>> extends TrainingSettings.Builder<B> {
    float validationFraction;
    int patience;

    protected Builder(int epochs, float learningRate, float validationFraction, int patience) {
      super(epochs, learningRate);
      this.validationFraction = validationFraction;
      this.patience = patience;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /** @param v held-out fraction, 0 for none @return this builder */
    public B validationFraction(float v) {
      validationFraction = v;
      return self();
    }

    /** @param v epochs without improvement before stopping @return this builder */
    public B patience(int v) {
      patience = v;
      return self();
    }

    /** @param v both settings @return this builder */
    public B stopping(EarlyStopping v) {
      validationFraction = v.validationFraction();
      patience = v.patience();
      return self();
    }

    protected EarlyStopping stopping() {
      return new EarlyStopping(validationFraction, patience);
    }
  }
}
