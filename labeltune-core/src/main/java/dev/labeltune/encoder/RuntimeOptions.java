package dev.labeltune.encoder;

/**
 * How an encoder runs on this machine; none of these change its results.
 *
 * @param batchTokens the token budget of a forward pass: texts are sorted by length and a batch takes
 *     texts while the padded total (texts times the longest's tokens) stays within it, so long and
 *     short texts both run near the encoder's best point; a text longer than the budget runs alone
 * @param threads threads used by the inference runtime
 * @param cacheSize how many text embeddings to keep in the least-recently-used cache; 0 disables it
 * @param maxLength maximum tokens per text overriding the model's own, or 0 to keep the model's
 * @since 0.1
 */
public record RuntimeOptions(int batchTokens, int threads, int cacheSize, int maxLength) {

  /**
   * The default token budget: the best point of {@code labeltune bench encoder} for the built-in
   * models on 1 and 2 threads (BENCHMARKS.md, "Encoder throughput").
   */
  public static final int DEFAULT_BATCH_TOKENS = 1024;

  /**
   * Padded tokens per forward pass per inference thread at which a pass's activations stay in each
   * core's caches: {@code labeltune bench encoder} runs best at 256-512 tokens on one thread and at
   * 1,024-2,048 on two (BENCHMARKS.md, "Encoder throughput"). A pass on fewer of the cores, such as
   * one of several run side by side, takes a budget in proportion to its threads.
   */
  public static final int TOKENS_PER_THREAD = 512;

  /** Validates the values. */
  public RuntimeOptions {
    if (batchTokens < 1 || batchTokens > 1_048_576) {
      throw new IllegalArgumentException("batchTokens must be between 1 and 1048576, found " + batchTokens);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, found " + threads);
    }
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must not be negative, found " + cacheSize);
    }
    if (maxLength != 0 && maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be 0 (model default) or at least 2, found " + maxLength);
    }
  }

  /**
   * @return a {@value #DEFAULT_BATCH_TOKENS}-token budget, all available cores, a 10,000-text cache,
   *     the model's maximum length
   */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(DEFAULT_BATCH_TOKENS, Runtime.getRuntime().availableProcessors(), 10_000, 0);
  }

  /** @param batchTokens padded tokens per forward pass @return a copy with that budget */
  public RuntimeOptions withBatchTokens(int batchTokens) {
    return new RuntimeOptions(batchTokens, threads, cacheSize, maxLength);
  }

  /** @param threads inference threads @return a copy with that thread count */
  public RuntimeOptions withThreads(int threads) {
    return new RuntimeOptions(batchTokens, threads, cacheSize, maxLength);
  }

  /** @param cacheSize cached embeddings, 0 for none @return a copy with that cache size */
  public RuntimeOptions withCacheSize(int cacheSize) {
    return new RuntimeOptions(batchTokens, threads, cacheSize, maxLength);
  }

  /** @param maxLength maximum tokens, 0 for the model's own @return a copy with that limit */
  public RuntimeOptions withMaxLength(int maxLength) {
    return new RuntimeOptions(batchTokens, threads, cacheSize, maxLength);
  }
}
