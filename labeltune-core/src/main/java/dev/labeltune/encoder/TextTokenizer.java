package dev.labeltune.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
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
  private static final JsonFactory JSON = new JsonFactory();

  static {
    // DJL would otherwise call a telemetry endpoint and probe for CUDA (forking a process) when the
    // tokenizer library loads: LabelTune runs offline and ships the CPU library. A user's own
    // setting of either property or environment variable wins.
    if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
      System.setProperty("RUST_FLAVOR", "cpu");
    }
    ModelCache.placeDjlCache();
  }

  private final HuggingFaceTokenizer tokenizer;
  private final EncoderConfig config;
  /** The id of the unknown-word token, or -1 when the vocabulary has none (byte-level models). */
  private final long unknownId;
  /** Known tokens the prefix alone contributes: a text has none of its own when this is all it has. */
  private final int prefixKnownTokens;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, EncoderConfig config, long unknownId) {
    this.tokenizer = tokenizer;
    this.config = config;
    this.unknownId = unknownId;
    this.prefixKnownTokens = config.prefix().isBlank() ? 0 : knownTokens(tokenizer.encode(config.prefix()));
  }

  /**
   * @param tokenizerJson a Hugging Face {@code tokenizer.json}; not closed
   * @param config the prefix and maximum length to apply
   * @return the tokenizer; the caller closes it
   * @throws IOException if the definition cannot be read or parsed
   */
  public static TextTokenizer create(InputStream tokenizerJson, EncoderConfig config) throws IOException {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    byte[] definition = tokenizerJson.readAllBytes();
    Map<String, String> options = Map.of(
        "addSpecialTokens", "true",
        "truncation", "true",
        "padding", "false",
        "maxLength", Integer.toString(config.maxLength()));
    HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(definition), options);
    try {
      return new TextTokenizer(tokenizer, config, unknownId(definition));
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** Finds the unknown token's id: WordPiece and BPE name it and map it in a vocabulary object, Unigram gives its index. */
  /**
   * The id of the model's unknown token, or -1. Read with a streaming parser that stops as soon as it
   * knows: tokenizer files list their special tokens ({@code added_tokens}) and the model's {@code
   * unk_token} before its vocabulary, so the 30,000 vocabulary entries are usually never parsed (a
   * tree of the whole file took about 0.3 s of every start).
   */
  private static long unknownId(byte[] definition) throws IOException {
    Map<String, Long> special = new HashMap<>();
    String unkToken = null;
    try (JsonParser parser = JSON.createParser(definition)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String top = parser.currentName();
        JsonToken value = parser.nextToken();
        if (top.equals("added_tokens") && value == JsonToken.START_ARRAY) {
          readAddedTokens(parser, special);
        } else if (top.equals("model") && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken v = parser.nextToken();
            if (field.equals("unk_id") && v.isNumeric()) {
              return parser.getLongValue();
            } else if (field.equals("unk_token") && v == JsonToken.VALUE_STRING) {
              unkToken = parser.getText();
              if (special.containsKey(unkToken)) {
                return special.get(unkToken);
              }
            } else if (field.equals("vocab") && v == JsonToken.START_OBJECT && unkToken != null) {
              return vocabularyId(parser, unkToken);
            } else {
              parser.skipChildren();
            }
          }
          break;
        } else {
          parser.skipChildren();
        }
      }
    }
    // The vocabulary came before the unknown token's name: look it up in a second pass.
    return unkToken == null ? -1 : secondPass(definition, unkToken);
  }

  private static void readAddedTokens(JsonParser parser, Map<String, Long> special) throws IOException {
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String content = null;
      long id = -1;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken v = parser.nextToken();
        if (field.equals("content") && v == JsonToken.VALUE_STRING) {
          content = parser.getText();
        } else if (field.equals("id") && v.isNumeric()) {
          id = parser.getLongValue();
        } else {
          parser.skipChildren();
        }
      }
      if (content != null && id >= 0) {
        special.put(content, id);
      }
    }
  }

  private static long vocabularyId(JsonParser parser, String token) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken v = parser.nextToken();
      if (name.equals(token) && v.isNumeric()) {
        return parser.getLongValue();
      }
      parser.skipChildren();
    }
    return -1;
  }

  private static long secondPass(byte[] definition, String token) throws IOException {
    try (JsonParser parser = JSON.createParser(definition)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String top = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!top.equals("model") || value != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken v = parser.nextToken();
          if (field.equals("vocab") && v == JsonToken.START_OBJECT) {
            return vocabularyId(parser, token);
          }
          parser.skipChildren();
        }
      }
    }
    return -1;
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
    return tokenize(texts).ids();
  }

  /**
   * @param texts texts to tokenize
   * @return per text, its token ids and whether it was cut or had no token the vocabulary knows
   */
  public Tokenized tokenize(List<String> texts) {
    int maxChars = config.maxLength() * MAX_CHARS_PER_TOKEN;
    String[] prepared = new String[texts.size()];
    boolean[] truncated = new boolean[prepared.length];
    for (int i = 0; i < prepared.length; i++) {
      String text = texts.get(i);
      truncated[i] = text.length() > maxChars;
      prepared[i] = config.prefix() + (truncated[i] ? clip(text, maxChars) : text);
    }
    Encoding[] encodings = tokenizer.batchEncode(prepared);
    long[][] ids = new long[encodings.length][];
    boolean[] unknown = new boolean[encodings.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = encodings[i].getIds();
      truncated[i] |= encodings[i].exceedMaxLength();
      unknown[i] = knownTokens(encodings[i]) <= prefixKnownTokens;
    }
    return new Tokenized(ids, truncated, unknown);
  }

  private int knownTokens(Encoding encoding) {
    long[] ids = encoding.getIds();
    long[] special = encoding.getSpecialTokenMask();
    int known = 0;
    for (int t = 0; t < ids.length; t++) {
      if (special[t] == 0 && ids[t] != unknownId) {
        known++;
      }
    }
    return known;
  }

  /**
   * Token ids of a batch of texts with what the tokenizer noticed about each.
   *
   * @param ids per text, its token ids
   * @param truncated per text, whether it was longer than the model's maximum and was cut
   * @param noKnownTokens per text, whether none of its tokens is in the vocabulary (emoji only,
   *     an unknown script): its embedding says nothing about its content
   */
  public record Tokenized(long[][] ids, boolean[] truncated, boolean[] noKnownTokens) {}

  /** Cuts a text to at most {@code maxChars} characters without splitting a surrogate pair. */
  private static String clip(String text, int maxChars) {
    int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return text.substring(0, end);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
