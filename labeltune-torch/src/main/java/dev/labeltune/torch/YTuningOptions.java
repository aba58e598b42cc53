package dev.labeltune.torch;

/**
 * Settings of {@link YTuner}. Build with {@link #builder()}; {@link #defaults()} are the settings
 * BENCHMARKS.md measures.
 *
 * @param layers decoder layers (self-attention among labels, cross-attention to the text's tokens,
 *     feed-forward)
 * @param width the decoder's width; 0 for the encoder's hidden size (features are projected when
 *     the widths differ)
 * @param heads attention heads per layer; must divide the width
 * @param vectorsPerLabel label vectors per label (m); a label's score is the mean over its vectors
 * @param init how label vectors start
 * @param pointer how a label's output vector becomes its score
 * @param margin the hinge loss margin alpha: {@code sum over c != c* of max(0, alpha - s(c*) + s(c))}
 * @param epochs maximum passes over the examples
 * @param learningRate AdamW learning rate
 * @param batchSize texts per step
 * @param weightDecay AdamW's decoupled weight decay
 * @param dropout dropout inside the decoder while training
 * @param validationFraction fraction of each label's examples held out to pick the epoch count
 *     and fit the softmax temperature, after which the decoder is retrained on every example; 0 to
 *     train once on everything for {@code epochs} (probabilities are then uncalibrated)
 * @param patience epochs without a lower held-out loss before stopping
 * @param seed seeds initialization, example order and dropout
 * @since 0.1
 */
public record YTuningOptions(int layers, int width, int heads, int vectorsPerLabel, LabelInit init, Pointer pointer,
    float margin, int epochs, float learningRate, int batchSize, float weightDecay, float dropout,
    float validationFraction, int patience, long seed) {

  /** How label vectors are initialized. */
  public enum LabelInit {
    /** The encoder's mean-pooled token states of each label's text (the verbalized label). */
    LABEL_TEXT,
    /** Normal noise with standard deviation 0.02. */
    RANDOM,
    /** Word embeddings of tokens drawn at random from the encoder's vocabulary. */
    VOCABULARY
  }

  /** How the label pointer turns a label's output vector {@code h_c} into its score. */
  public enum Pointer {
    /** A learned projection {@code w . h_c + b}, shared by all labels. */
    LINEAR,
    /**
     * A learned projection {@code W h_c} (starting at the identity) compared by cosine with the
     * text's mean-pooled token features, times 20: before training the scores are those of
     * zero-shot classification with the label texts, which the decoder then corrects.
     */
    SIMILARITY
  }

  /** Validates the values; a missing pointer (head files written before it existed) is {@code LINEAR}. */
  public YTuningOptions {
    if (pointer == null) {
      pointer = Pointer.LINEAR;
    }
    require(layers >= 1 && layers <= 12, "layers must be in [1, 12], found " + layers);
    require(width >= 0, "width must not be negative, found " + width);
    require(heads >= 1, "heads must be positive, found " + heads);
    require(width == 0 || width % heads == 0, "width " + width + " is not divisible into " + heads + " heads");
    require(vectorsPerLabel >= 1 && vectorsPerLabel <= 16, "vectorsPerLabel must be in [1, 16], found " + vectorsPerLabel);
    require(init != null, "init must be given");
    require(margin > 0 && Float.isFinite(margin), "margin must be positive, found " + margin);
    require(epochs >= 1, "epochs must be at least 1, found " + epochs);
    require(learningRate > 0 && Float.isFinite(learningRate), "learningRate must be positive, found " + learningRate);
    require(batchSize >= 1 && batchSize <= 1024, "batchSize must be in [1, 1024], found " + batchSize);
    require(weightDecay >= 0, "weightDecay must not be negative, found " + weightDecay);
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
  public static YTuningOptions defaults() {
    return builder().build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @param seed a new seed @return a copy with that seed */
  public YTuningOptions withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    return new Builder().layers(layers).width(width).heads(heads).vectorsPerLabel(vectorsPerLabel).init(init)
        .pointer(pointer).margin(margin).epochs(epochs).learningRate(learningRate).batchSize(batchSize)
        .weightDecay(weightDecay).dropout(dropout).validationFraction(validationFraction).patience(patience).seed(seed);
  }

  /** Builds {@link YTuningOptions}. */
  public static final class Builder {
    private int layers = 1;
    private int width = 0;
    private int heads = 6;
    private int vectorsPerLabel = 1;
    private LabelInit init = LabelInit.LABEL_TEXT;
    private Pointer pointer = Pointer.SIMILARITY;
    private float margin = 1f;
    private int epochs = 100;
    private float learningRate = 1e-4f;
    private int batchSize = 16;
    private float weightDecay = 0.01f;
    private float dropout = 0.1f;
    private float validationFraction = 0.25f;
    private int patience = 15;
    private long seed = 42;

    private Builder() {}

    /** @param v decoder layers @return this builder */
    public Builder layers(int v) {
      layers = v;
      return this;
    }

    /** @param v decoder width, 0 for the encoder's @return this builder */
    public Builder width(int v) {
      width = v;
      return this;
    }

    /** @param v attention heads @return this builder */
    public Builder heads(int v) {
      heads = v;
      return this;
    }

    /** @param v vectors per label @return this builder */
    public Builder vectorsPerLabel(int v) {
      vectorsPerLabel = v;
      return this;
    }

    /** @param v label-vector initialization @return this builder */
    public Builder init(LabelInit v) {
      init = v;
      return this;
    }

    /** @param v the label pointer @return this builder */
    public Builder pointer(Pointer v) {
      pointer = v;
      return this;
    }

    /** @param v hinge margin @return this builder */
    public Builder margin(float v) {
      margin = v;
      return this;
    }

    /** @param v maximum epochs @return this builder */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /** @param v learning rate @return this builder */
    public Builder learningRate(float v) {
      learningRate = v;
      return this;
    }

    /** @param v texts per step @return this builder */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** @param v weight decay @return this builder */
    public Builder weightDecay(float v) {
      weightDecay = v;
      return this;
    }

    /** @param v dropout rate @return this builder */
    public Builder dropout(float v) {
      dropout = v;
      return this;
    }

    /** @param v held-out fraction, 0 for none @return this builder */
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
    public YTuningOptions build() {
      return new YTuningOptions(layers, width, heads, vectorsPerLabel, init, pointer, margin, epochs, learningRate,
          batchSize, weightDecay, dropout, validationFraction, patience, seed);
    }
  }
}
