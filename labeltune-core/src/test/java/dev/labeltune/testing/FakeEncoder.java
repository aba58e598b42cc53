package dev.labeltune.testing;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderConfig;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.Pooling;
import dev.labeltune.encoder.TokenFeatures;
import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic bag-of-words encoder with no native code: each lower-cased word adds a fixed
 * pseudo-random vector, and the sum is normalized. Texts sharing words are similar.
 */
public final class FakeEncoder implements Encoder {
  private final int dimension;
  private final AtomicInteger encoded = new AtomicInteger();
  private volatile boolean closed;

  /** @param dimension embedding size */
  public FakeEncoder(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public EncoderInfo info() {
    return new EncoderInfo("fake", "sha256:fake", dimension, new EncoderConfig(Pooling.MEAN, true, "", 128));
  }

  @Override
  public float[][] embedBatch(List<String> texts) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      if (texts.get(i).isBlank()) {
        throw new IllegalArgumentException("Text at index " + i + " is blank");
      }
      float[] v = new float[dimension];
      for (float[] w : tokens(texts.get(i))) {
        for (int j = 0; j < dimension; j++) {
          v[j] += w[j];
        }
      }
      out[i] = Vectors.normalizeInPlace(v);
    }
    encoded.addAndGet(texts.size());
    return out;
  }

  @Override
  public List<TokenFeatures> tokenFeatures(List<String> texts) {
    List<TokenFeatures> out = new ArrayList<>();
    for (String t : texts) {
      out.add(new TokenFeatures(tokens(t).toArray(new float[0][])));
    }
    return out;
  }

  private List<float[]> tokens(String text) {
    List<float[]> out = new ArrayList<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        out.add(wordVector(word));
      }
    }
    if (out.isEmpty()) {
      out.add(wordVector("<empty>"));
    }
    return out;
  }

  private float[] wordVector(String word) {
    java.util.Random r = new java.util.Random(word.hashCode());
    float[] v = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      v[j] = (float) r.nextGaussian();
    }
    return v;
  }

  /** @return how many texts were embedded so far */
  public int encodedTexts() {
    return encoded.get();
  }

  @Override
  public void close() {
    closed = true;
  }
}
