package dev.labeltune.encoder;

import dev.labeltune.data.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Texts as {@link Encoder#prepare} leaves them: checked, each either answered from the encoder's
 * cache or tokenized, and each distinct text to encode listed once however often it occurs. Whoever
 * forms the forward passes encodes {@link #toEncode()} (with {@link Encoder#embedPass}) and puts the
 * answers together with {@link #assemble}; cached texts never take a place in a pass.
 *
 * @since 0.1
 */
public final class PreparedTexts {
  private final TextEmbedding[] cached;
  private final int[] slot;
  private final List<EncoderInput> toEncode;

  private PreparedTexts(TextEmbedding[] cached, int[] slot, List<EncoderInput> toEncode) {
    this.cached = cached;
    this.slot = slot;
    this.toEncode = toEncode;
  }

  /**
   * @param texts texts with visible content
   * @param cache a text's cached embedding, or null
   * @param tokenize tokenizes the distinct texts not in the cache, one input per text in order
   * @return the prepared texts
   * @throws IllegalArgumentException if a text is blank
   * @throws NullPointerException if a text is null
   */
  public static PreparedTexts of(List<String> texts, Function<String, TextEmbedding> cache,
      Function<List<String>, List<EncoderInput>> tokenize) {
    Texts.requireVisible(texts);
    TextEmbedding[] cached = new TextEmbedding[texts.size()];
    int[] slot = new int[texts.size()];
    Map<String, Integer> distinct = new LinkedHashMap<>();
    for (int i = 0; i < slot.length; i++) {
      String text = texts.get(i);
      Integer seen = distinct.get(text);
      cached[i] = seen == null ? cache.apply(text) : null;
      if (cached[i] != null) {
        slot[i] = -1;
      } else if (seen != null) {
        slot[i] = seen;
      } else {
        slot[i] = distinct.size();
        distinct.put(text, slot[i]);
      }
    }
    List<EncoderInput> inputs = distinct.isEmpty() ? List.of() : tokenize.apply(new ArrayList<>(distinct.keySet()));
    if (inputs.size() != distinct.size()) {
      throw new IllegalStateException("Tokenizing " + distinct.size() + " texts gave " + inputs.size() + " inputs");
    }
    return new PreparedTexts(cached, slot, List.copyOf(inputs));
  }

  /**
   * For encoders without a cache or a tokenizer of their own (test doubles, wrappers).
   *
   * @param texts texts with visible content
   * @param tokens each text's estimated token count
   * @return the prepared texts, every distinct one to encode
   */
  public static PreparedTexts estimated(List<String> texts, ToIntFunction<String> tokens) {
    return of(texts, t -> null, distinct -> distinct.stream()
        .map(t -> EncoderInput.estimated(t, tokens.applyAsInt(t))).toList());
  }

  /** @return the number of texts prepared */
  public int size() {
    return slot.length;
  }

  /** @return the distinct texts the cache did not answer, in first-occurrence order */
  public List<EncoderInput> toEncode() {
    return toEncode;
  }

  /**
   * @param encoded the embeddings of {@link #toEncode()}, in its order
   * @return every text's embedding in input order; a text that occurs twice gets its own copy
   */
  public TextEmbeddings assemble(TextEmbedding[] encoded) {
    if (encoded.length != toEncode.size()) {
      throw new IllegalArgumentException("Expected " + toEncode.size() + " embeddings, found " + encoded.length);
    }
    int n = slot.length;
    float[][] vectors = new float[n][];
    boolean[] truncated = new boolean[n];
    boolean[] unknown = new boolean[n];
    boolean[] handedOut = new boolean[encoded.length];
    for (int i = 0; i < n; i++) {
      TextEmbedding e;
      if (slot[i] < 0) {
        e = cached[i];
      } else {
        e = handedOut[slot[i]] ? encoded[slot[i]].copy() : encoded[slot[i]];
        handedOut[slot[i]] = true;
      }
      vectors[i] = e.vector();
      truncated[i] = e.truncated();
      unknown[i] = e.noKnownTokens();
    }
    return new TextEmbeddings(vectors, truncated, unknown);
  }
}
