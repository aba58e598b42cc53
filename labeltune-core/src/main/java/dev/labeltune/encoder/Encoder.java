package dev.labeltune.encoder;

import java.util.List;
import java.util.Objects;

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
   * @param text a text with visible content; longer texts are truncated to the model's maximum length
   * @return a vector of {@link EncoderInfo#dimension()} floats
   * @throws IllegalArgumentException if the text is blank (see {@link dev.labeltune.data.Texts})
   * @throws NullPointerException if the text is null
   */
  default float[] embed(String text) {
    return embedBatch(List.of(Objects.requireNonNull(text, "text")))[0];
  }

  /**
   * Embeds many texts, batching them by length internally.
   *
   * @param texts texts with visible content
   * @return one row per text, in input order
   * @throws IllegalArgumentException if any text is blank (see {@link dev.labeltune.data.Texts})
   * @throws NullPointerException if any text is null
   */
  float[][] embedBatch(List<String> texts);

  /**
   * Embeds many texts and says, per text, whether it was truncated or had no token the model
   * knows. Implementations that notice neither return every flag false.
   *
   * @param texts texts with visible content
   * @return the embeddings and flags, in input order
   * @throws IllegalArgumentException if any text is blank
   * @throws NullPointerException if any text is null
   */
  default TextEmbeddings embedTexts(List<String> texts) {
    return TextEmbeddings.of(embedBatch(texts));
  }

  /**
   * Readies texts for forward passes that the caller forms itself (a server sharing passes between
   * requests): each text is checked, answered from the encoder's cache if it holds it, or else
   * tokenized, once. Encoders without a tokenizer estimate about four characters per token.
   *
   * @param texts texts with visible content
   * @return the prepared texts
   * @throws IllegalArgumentException if any text is blank
   * @throws NullPointerException if any text is null
   */
  default PreparedTexts prepare(List<String> texts) {
    int max = info().config().maxLength();
    return PreparedTexts.estimated(texts, t -> EncoderInput.estimateTokens(t, max));
  }

  /**
   * Runs prepared texts as one forward pass, as the caller formed it (padded to its longest text,
   * neither sorted nor split), and caches the answers as {@link #embedTexts} does.
   *
   * @param pass inputs from this encoder's {@link #prepare}
   * @return one embedding per input, in order
   */
  default TextEmbedding[] embedPass(List<EncoderInput> pass) {
    TextEmbeddings e = embedTexts(pass.stream().map(EncoderInput::text).toList());
    TextEmbedding[] out = new TextEmbedding[e.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = e.get(i);
    }
    return out;
  }

  /**
   * Token-level features (the last hidden states) of each text, padding removed.
   *
   * @param texts non-blank texts
   * @return one entry per text, in input order
   * @throws UnsupportedOperationException if the model only exposes pooled embeddings
   */
  List<TokenFeatures> tokenFeatures(List<String> texts);

  /**
   * Releases native resources once calls in flight on other threads have returned; later calls
   * throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  void close();
}
