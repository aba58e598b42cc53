package dev.labeltune.cli;

import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.internal.DaemonThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by every command that loads an encoder. */
final class ModelOptions {
  @Mixin ModelChoice choice;

  @Option(names = "--max-length", defaultValue = "0",
      description = "Maximum tokens per text; longer texts are truncated. 0 (the default) keeps the model's own, or "
          + "128 for eval, finetune and ytune.")
  int maxLength;

  @Option(names = "--batch-tokens", defaultValue = "" + RuntimeOptions.DEFAULT_BATCH_TOKENS,
      description = "Token budget of a forward pass: length-sorted texts are batched while texts x longest "
          + "length stays within it (default: ${DEFAULT-VALUE}).")
  int batchTokens;

  @Option(names = "--threads", description = "Inference threads (default: all cores).")
  Integer threads;

  @Option(names = "--cache-size", defaultValue = "10000",
      description = "Text embeddings kept in memory for reuse; 0 disables (default: ${DEFAULT-VALUE}).")
  int cacheSize;

  /** @return the model's name or directory */
  String name() {
    return choice.name();
  }

  /** Runs another model than the one given (the head's, when --model was not given). */
  void use(String name) {
    choice.name = name;
  }

  RuntimeOptions runtime() {
    return new RuntimeOptions(batchTokens, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
        cacheSize, maxLength);
  }

  OnnxEncoder load() {
    return ModelRegistry.load(choice.name(), runtime());
  }

  /**
   * Opens the model on a background thread, so that the command reads its input meanwhile.
   *
   * @return the opening; {@link Opening#get()} waits for the encoder, {@link Opening#close()}
   *     closes it (also when the command failed before taking it)
   */
  Opening loadInBackground() {
    return new Opening(CompletableFuture.supplyAsync(this::load, DaemonThreads.oneShot("labeltune-model-open")));
  }

  /** An encoder being opened. */
  static final class Opening implements AutoCloseable {
    private final CompletableFuture<OnnxEncoder> encoder;

    private Opening(CompletableFuture<OnnxEncoder> encoder) {
      this.encoder = encoder;
    }

    /** @return the encoder, once open @throws RuntimeException what opening it threw */
    OnnxEncoder get() {
      try {
        return encoder.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }

    @Override
    public void close() {
      try {
        encoder.join().close();
      } catch (CompletionException e) {
        // Opening failed: nothing to close, and get() has reported or will report why.
      }
    }
  }
}
