package dev.labeltune.encoder;

import java.util.List;

/**
 * A frozen sentence encoder: turns texts into fixed-size embeddings, and into token-level features
 * for methods that attend over tokens.
 *
 * <p>Implementations are thread-safe: one instance is meant to be shared by every task head in a
 * process. The caller who created an encoder closes it; using it after {@link #close()} throws
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (Encoder encoder = ModelRegistry.load("all-minilm-l6-v2")) {
 *   float[] v = encoder.embed("Where is my parcel?");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Encoder extends AutoCloseable {

  /** @return the encoder's identity, dimension and settings */
  EncoderInfo info();

  /**
   * Embeds one text.
   *
   * @param text a non-blank text; longer texts are truncated to the model's maximum length
   * @return a vector of {@link EncoderInfo#dimension()} floats
   * @throws IllegalArgumentException if the text is blank
   */
  default float[] embed(String text) {
    return embedBatch(List.of(text))[0];
  }

  /**
   * Embeds many texts, batching them by length internally.
   *
   * @param texts non-blank texts
   * @return one row per text, in input order
   * @throws IllegalArgumentException if any text is blank
   * @throws NullPointerException if any text is null
   */
  float[][] embedBatch(List<String> texts);

  /**
   * Token-level features (the last hidden states) of each text, padding removed.
   *
   * @param texts non-blank texts
   * @return one entry per text, in input order
   * @throws UnsupportedOperationException if the model only exposes pooled embeddings
   */
  List<TokenFeatures> tokenFeatures(List<String> texts);

  /** Releases native resources. Idempotent. */
  @Override
  void close();
}
