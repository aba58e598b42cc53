package dev.labeltune.cli;

import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import picocli.CommandLine.Option;

/** Options shared by every command that loads an encoder. */
final class ModelOptions {
  @Option(names = {"-m", "--model"}, defaultValue = ModelRegistry.DEFAULT_MODEL,
      description = "Built-in model name or model directory (default: ${DEFAULT-VALUE}; 'predict' takes the head's "
          + "encoder unless this is given); see 'labeltune models'.")
  String model;

  @Option(names = "--max-length", defaultValue = "0",
      description = "Maximum tokens per text; longer texts are truncated. 0 (the default) keeps the model's own, or "
          + "128 for eval, finetune and ytune.")
  int maxLength;

  @Option(names = "--batch-size", defaultValue = "32", description = "Texts per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", description = "Inference threads (default: all cores).")
  Integer threads;

  @Option(names = "--cache-size", defaultValue = "10000",
      description = "Text embeddings kept in memory for reuse; 0 disables (default: ${DEFAULT-VALUE}).")
  int cacheSize;

  RuntimeOptions runtime() {
    return new RuntimeOptions(batchSize, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
        cacheSize, maxLength);
  }

  OnnxEncoder load() {
    return ModelRegistry.load(model, runtime());
  }
}
