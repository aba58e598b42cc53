package dev.labeltune.tuning;

import java.util.Objects;

/**
 * Hyper-parameters of one label-tuning run.
 *
 * @param learningRate step size
 * @param regularization weight of the drift penalty {@code mean((Y - Y0)^2)} that keeps the label
 *     embeddings near their zero-shot start
 * @param dropout probability of dropping each embedding dimension at each step (the same mask for
 *     every label)
 * @param steps full-batch optimization steps; 0 keeps the zero-shot label embeddings
 * @param scale multiplier of the dot products inside the softmax (an inverse temperature); the
 *     paper uses 1
 * @param optimizer plain gradient descent (the paper's) or Adam
 * @since 0.1
 */
public record LabelTuningConfig(double learningRate, double regularization, double dropout, int steps, double scale,
    Optimizer optimizer) {

  /** The update rule. */
  public enum Optimizer {
    /** Full-batch gradient descent, as in the paper's code. */
    GD,
    /** Adam with the usual moment decays (0.9, 0.999). */
    ADAM
  }

  /** Validates the values. */
  public LabelTuningConfig {
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, found " + learningRate);
    }
    if (!(regularization >= 0) || Double.isInfinite(regularization)) {
      throw new IllegalArgumentException("regularization must be 0 or positive, found " + regularization);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be 0 or positive, found " + steps);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive, found " + scale);
    }
  }

  /**
   * @param learningRate step size
   * @param regularization drift weight
   * @param dropout dimension dropout
   * @param steps steps
   * @return the paper's setting: plain gradient descent on unscaled dot products
   */
  public static LabelTuningConfig paper(double learningRate, double regularization, double dropout, int steps) {
    return new LabelTuningConfig(learningRate, regularization, dropout, steps, 1.0, Optimizer.GD);
  }

  /** @param steps the new step count @return a copy with it */
  public LabelTuningConfig withSteps(int steps) {
    return new LabelTuningConfig(learningRate, regularization, dropout, steps, scale, optimizer);
  }
}
