package dev.labeltune.cli;

import dev.labeltune.torch.network.EarlyStopping;
import dev.labeltune.torch.network.TrainingSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The optimizer settings every trainer shares ({@link TrainingSettings}, {@link EarlyStopping}), for
 * 'finetune', 'setfit', 'ytune', 'eval' and 'bench'. A flag left out keeps the method's own default.
 */
final class TrainingFlags {
  @Option(names = "--epochs", description = "Passes over the training data; the most, where training stops early "
      + "(defaults: finetune 10, setfit 1, ytune 100).")
  Integer epochs;

  @Option(names = "--learning-rate", description = "AdamW's (peak) learning rate (defaults: finetune 5e-5, "
      + "setfit 2e-5, ytune 1e-4).")
  Float learningRate;

  @Option(names = "--weight-decay", description = "AdamW's decoupled weight decay (default: 0.01).")
  Float weightDecay;

  @Option(names = "--max-grad-norm", description = "Global gradient-norm clipping threshold; Infinity turns clipping "
      + "off (default: 1).")
  Float maxGradNorm;

  @Option(names = "--dropout", description = "Dropout rate while training (default: 0.1).")
  Float dropout;

  @Option(names = "--validation-fraction", description = "Fraction of each label's examples held out to stop early "
      + "(finetune, ytune; defaults: finetune 0 (off), ytune 0.25, which also fits its temperature).")
  Float validationFraction;

  @Option(names = "--patience", description = "Epochs without a better held-out score before stopping (defaults: "
      + "finetune 2, ytune 15).")
  Integer patience;

  /**
   * Applies the shared settings that were given, and the seed.
   *
   * @return {@code builder}
   */
  <B extends TrainingSettings.Builder<B>> B apply(B builder, long seed) {
    builder.seed(seed);
    if (epochs != null) {
      builder.epochs(epochs);
    }
    if (learningRate != null) {
      builder.learningRate(learningRate);
    }
    if (weightDecay != null) {
      builder.weightDecay(weightDecay);
    }
    if (maxGradNorm != null) {
      builder.maxGradNorm(maxGradNorm);
    }
    if (dropout != null) {
      builder.dropout(dropout);
    }
    return builder;
  }

  /**
   * Applies the shared settings and early stopping that were given, and the seed.
   *
   * @return {@code builder}
   */
  <B extends EarlyStopping.Builder<B>> B applyWithStopping(B builder, long seed) {
    apply(builder, seed);
    if (validationFraction != null) {
      builder.validationFraction(validationFraction);
    }
    if (patience != null) {
      builder.patience(patience);
    }
    return builder;
  }

  /**
   * @param spec the command, for the usage error
   * @param method the method that cannot stop early
   * @throws CommandLine.ParameterException if an early-stopping flag was given
   */
  void refuseStopping(CommandLine.Model.CommandSpec spec, String method) {
    if (validationFraction != null || patience != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), method + " trains on every example and does not "
          + "stop early; leave out --validation-fraction and --patience");
    }
  }

  /**
   * Builds options, turning a value out of range into a usage error.
   *
   * @param what the settings' name in the message, e.g. "fine-tuning"
   */
  static <T> T build(CommandLine.Model.CommandSpec spec, String what, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid " + what + " option: " + e.getMessage());
    }
  }
}
