package dev.labeltune.encoder;

import java.util.Objects;

/**
 * A text made ready for a forward pass by {@link Encoder#prepare}: tokenized once, so that whoever
 * forms passes knows its length and the pass does not tokenize it again.
 *
 * @param text the text
 * @param tokens how many tokens it runs as, special tokens included, at most the model's maximum
 * @param ids its token ids ({@code tokens} of them), or null for an encoder that tokenizes inside its
 *     forward pass and only estimated the count
 * @param truncated whether it was longer than the model's maximum and was cut
 * @param noKnownTokens whether none of its tokens is in the model's vocabulary
 * @since 0.1
 */
public record EncoderInput(String text, int tokens, long[] ids, boolean truncated, boolean noKnownTokens) {
  /** Checks that the ids, when given, are as many as the tokens. */
  public EncoderInput {
    Objects.requireNonNull(text, "text");
    if (tokens < 1 || (ids != null && ids.length != tokens)) {
      throw new IllegalArgumentException("An encoder input has at least one token and as many ids as tokens, found "
          + tokens + " tokens and " + (ids == null ? "no" : Integer.toString(ids.length)) + " ids");
    }
  }

  /**
   * A token count without a tokenizer: about four characters a token, plus the two special tokens.
   *
   * @param text a text
   * @param maxLength the model's maximum tokens per text
   * @return its estimated token count, at most {@code maxLength}
   */
  public static int estimateTokens(String text, int maxLength) {
    return Math.min(maxLength, 2 + text.length() / 4);
  }

  /**
   * @param text the text
   * @param tokens its estimated token count
   * @return the input of an encoder that tokenizes inside its forward pass
   */
  public static EncoderInput estimated(String text, int tokens) {
    return new EncoderInput(text, Math.max(1, tokens), null, false, false);
  }
}
