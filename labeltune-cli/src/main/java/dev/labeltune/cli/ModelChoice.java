package dev.labeltune.cli;

import dev.labeltune.encoder.ModelRegistry;
import picocli.CommandLine.Option;

/** {@code --model}: which encoder a command runs, the same option with the same default in every command. */
final class ModelChoice {
  @Option(names = {"-m", "--model"}, defaultValue = ModelRegistry.DEFAULT_MODEL,
      description = "Encoder: a built-in model name or a model directory (default: ${DEFAULT-VALUE}; 'predict' and "
          + "'suggest' take the head's encoder unless this is given); see 'labeltune models'.")
  String name;

  /** @return the model's name or directory */
  String name() {
    return name;
  }
}
