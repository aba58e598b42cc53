package dev.labeltune.encoder;

/**
 * How an encoder runs on this machine; none of these change its results.
 *
 * @param batchSize texts per forward pass (texts are sorted by length and padded per batch)
 * @param threads threads used by the inference runtime
 * @param cacheSize how many text embeddings to keep in the least-recently-used cache; 0 disables it
 * @param maxLength maximum tokens per text overriding the model's own, or 0 to keep the model's
 * @since 0.1
 */
public record RuntimeOptions(int batchSize, int threads, int cacheSize, int maxLength) {

  /** Validates the values. */
  public RuntimeOptions {
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("batchSize must be between 1 and 4096, found " + batchSize);
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

  /** @return batch 32, all available cores, a 10,000-text cache, the model's maximum length */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(32, Runtime.getRuntime().availableProcessors(), 10_000, 0);
  }

  /** @param batchSize texts per forward pass @return a copy with that batch size */
  public RuntimeOptions withBatchSize(int batchSize) {
    return new RuntimeOptions(batchSize, threads, cacheSize, maxLength);
  }

  /** @param threads inference threads @return a copy with that thread count */
  public RuntimeOptions withThreads(int threads) {
    return new RuntimeOptions(batchSize, threads, cacheSize, maxLength);
  }

  /** @param cacheSize cached embeddings, 0 for none @return a copy with that cache size */
  public RuntimeOptions withCacheSize(int cacheSize) {
    return new RuntimeOptions(batchSize, threads, cacheSize, maxLength);
  }

  /** @param maxLength maximum tokens, 0 for the model's own @return a copy with that limit */
  public RuntimeOptions withMaxLength(int maxLength) {
    return new RuntimeOptions(batchSize, threads, cacheSize, maxLength);
  }
}
