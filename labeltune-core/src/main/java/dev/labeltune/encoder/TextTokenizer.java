package dev.labeltune.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns texts into a model's token ids exactly as its encoder expects them: prefix added, special
 * tokens added, truncated to the maximum length, no padding. Every component that runs a model's
 * network (the ONNX encoder, the trainable one) tokenizes through this class, so they agree.
 *
 * @since 0.1
 */
public final class TextTokenizer implements AutoCloseable {
  /** Characters per token kept before tokenizing; bounds the work on megabyte-long inputs. */
  private static final int MAX_CHARS_PER_TOKEN = 64;

  private final HuggingFaceTokenizer tokenizer;
  private final EncoderConfig config;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, EncoderConfig config) {
    this.tokenizer = tokenizer;
    this.config = config;
  }

  /**
   * @param tokenizerJson a Hugging Face {@code tokenizer.json}; not closed
   * @param config the prefix and maximum length to apply
   * @return the tokenizer; the caller closes it
   * @throws IOException if the definition cannot be read or parsed
   */
  public static TextTokenizer create(InputStream tokenizerJson, EncoderConfig config) throws IOException {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Map<String, String> options = Map.of(
        "addSpecialTokens", "true",
        "truncation", "true",
        "padding", "false",
        "maxLength", Integer.toString(config.maxLength()));
    return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), config);
  }

  /** @return the prefix and maximum length applied */
  public EncoderConfig config() {
    return config;
  }

  /**
   * @param texts texts to tokenize
   * @return per text, its token ids, special tokens included, at most the maximum length
   */
  public long[][] tokenIds(List<String> texts) {
    int maxChars = config.maxLength() * MAX_CHARS_PER_TOKEN;
    String[] prepared = new String[texts.size()];
    for (int i = 0; i < prepared.length; i++) {
      prepared[i] = config.prefix() + clip(texts.get(i), maxChars);
    }
    Encoding[] encodings = tokenizer.batchEncode(prepared);
    long[][] ids = new long[encodings.length][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = encodings[i].getIds();
    }
    return ids;
  }

  /** Cuts a text to at most {@code maxChars} characters without splitting a surrogate pair. */
  private static String clip(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return text.substring(0, end);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
