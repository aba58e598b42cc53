package dev.labeltune.torch.finetune;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The factor on cosine similarities in fine-tuning's batch-softmax loss, given how many labels (one
 * example each) a batch holds.
 *
 * <p>The factor trades two failures. With one negative per example (two labels) nothing needs
 * focusing, and a large factor lets the loss saturate once the few training examples are separated:
 * the unscaled dot product measured 2-3 points better on binary tasks. With many negatives the
 * softmax must concentrate on the few labels an example is confused with, and cosines in [-1, 1]
 * cannot do that unscaled (banking77, 26 labels per batch: 69.7 at 1 against 83.7 at 20). The
 * logit gap that keeps the correct label's share of the softmax constant grows with the log of the
 * number of negatives, so {@link #byLabels()} grows the factor that way.
 *
 * @since 0.2
 */
public sealed interface LossScale permits LossScale.Fixed, LossScale.ByLabels {

  /**
   * @param labels labels in the batch
   * @return the factor on the cosines of that batch
   */
  float forBatch(int labels);

  /**
   * @param value the factor for every batch; positive and finite
   * @return that constant factor
   * @throws IllegalArgumentException if {@code value} is not positive and finite
   */
  static LossScale fixed(float value) {
    return new Fixed(value);
  }

  /**
   * @return the default: 1 with one negative (the plain dot product), rising with the log of the
   *     number of negatives to 20 with 31 (a full batch of 32 labels)
   */
  static LossScale byLabels() {
    return ByLabels.INSTANCE;
  }

  /**
   * @param text {@code auto} for {@link #byLabels()}, or a number for {@link #fixed(float)}
   * @return the scale
   * @throws IllegalArgumentException if {@code text} is neither
   */
  static LossScale parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase(ByLabels.NAME)) {
      return byLabels();
    }
    try {
      return fixed(Float.parseFloat(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scale must be 'auto' or a positive number, found '" + text + "'");
    }
  }

  /** @param value the factor on every batch's cosines */
  record Fixed(float value) implements LossScale {
    /** Validates the value. */
    public Fixed {
      if (!(value > 0) || !Float.isFinite(value)) {
        throw new IllegalArgumentException("scale must be positive, found " + value);
      }
    }

    @Override
    public float forBatch(int labels) {
      return value;
    }

    /** @return the text {@link #parse} reads back; also the JSON form, as in a model's provenance */
    @JsonValue
    @Override
    public String toString() {
      return Float.toString(value);
    }
  }

  /** The factor {@code 1 + 19 ln(labels - 1) / ln 31}. */
  record ByLabels() implements LossScale {
    private static final ByLabels INSTANCE = new ByLabels();
    private static final String NAME = "auto";
    private static final double AT_FULL_BATCH = 20;
    private static final int FULL_BATCH = 32;

    @Override
    public float forBatch(int labels) {
      return (float) (1 + (AT_FULL_BATCH - 1) * Math.log(Math.max(labels - 1, 1)) / Math.log(FULL_BATCH - 1));
    }

    /** @return the text {@link #parse} reads back; also the JSON form, as in a model's provenance */
    @JsonValue
    @Override
    public String toString() {
      return NAME;
    }
  }
}
