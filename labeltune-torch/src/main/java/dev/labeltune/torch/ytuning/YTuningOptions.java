package dev.labeltune.torch.ytuning;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.labeltune.torch.network.EarlyStopping;
import dev.labeltune.torch.network.TrainingSettings;

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
 * @param batchSize texts per step
 * @param training the optimizer settings every trainer shares (a constant learning rate here);
 *     written flat into head files
 * @param stopping the fraction of each label's examples held out to pick the epoch count and fit
 *     the softmax temperature, after which the decoder is retrained on every example (0 trains once
 *     on everything for {@code epochs}, and probabilities are then uncalibrated), and the epochs
 *     without a lower held-out loss before stopping; written flat into head files
 * @since 0.1
 */
public record YTuningOptions(int layers, int width, int heads, int vectorsPerLabel, LabelInit init, Pointer pointer,
    float margin, int batchSize, @JsonUnwrapped TrainingSettings training, @JsonUnwrapped EarlyStopping stopping) {

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
    require(training != null && stopping != null, "training and stopping must be given");
    require(layers >= 1 && layers <= 12, "layers must be in [1, 12], found " + layers);
    require(width >= 0, "width must not be negative, found " + width);
    require(heads >= 1, "heads must be positive, found " + heads);
    require(width == 0 || width % heads == 0, "width " + width + " is not divisible into " + heads + " heads");
    require(vectorsPerLabel >= 1 && vectorsPerLabel <= 16, "vectorsPerLabel must be in [1, 16], found " + vectorsPerLabel);
    require(init != null, "init must be given");
    require(margin > 0 && Float.isFinite(margin), "margin must be positive, found " + margin);
    require(batchSize >= 1 && batchSize <= 1024, "batchSize must be in [1, 1024], found " + batchSize);
  }

  private static void require(boolean ok, String message) {
    TrainingSettings.require(ok, message);
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
        .pointer(pointer).margin(margin).batchSize(batchSize).training(training).stopping(stopping);
  }

  /** Builds {@link YTuningOptions}. */
  public static final class Builder extends EarlyStopping.Builder<Builder> {
    private int layers = 1;
    private int width = 0;
    private int heads = 6;
    private int vectorsPerLabel = 1;
    private LabelInit init = LabelInit.LABEL_TEXT;
    private Pointer pointer = Pointer.SIMILARITY;
    private float margin = 1f;
    private int batchSize = 16;

    private Builder() {
      super(100, 1e-4f, 0.25f, 15);
    }

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

    /** @param v texts per step @return this builder */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** @return the options @throws IllegalArgumentException if a value is out of range */
    public YTuningOptions build() {
      return new YTuningOptions(layers, width, heads, vectorsPerLabel, init, pointer, margin, batchSize, training(),
          stopping());
    }
  }
}
