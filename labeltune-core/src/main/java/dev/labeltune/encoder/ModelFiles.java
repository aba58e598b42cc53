package dev.labeltune.encoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A model's files in memory: the ONNX graph, the tokenizer definition and the settings. For
 * components that need the weights themselves (fine-tuning reads and rewrites them) rather than a
 * running encoder.
 *
 * @param name the model's name
 * @param onnx the ONNX file's contents
 * @param tokenizerJson the {@code tokenizer.json} contents
 * @param config pooling, normalization, prefix, maximum length and calibrated temperature
 * @since 0.1
 */
public record ModelFiles(String name, byte[] onnx, byte[] tokenizerJson, EncoderConfig config) {

  /** Validates the values. */
  public ModelFiles {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(onnx, "onnx");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Objects.requireNonNull(config, "config");
  }

  /**
   * @param temperature the softmax temperature the model's probabilities are calibrated at
   * @return the same files with that temperature in their settings
   */
  public ModelFiles withTemperature(double temperature) {
    return new ModelFiles(name, onnx, tokenizerJson, config.withTemperature(temperature));
  }

  /** @return the SHA-256 fingerprint an encoder of these weights reports */
  public String fingerprint() {
    return Fingerprints.sha256(onnx);
  }

  /**
   * @param options how the encoder runs
   * @return an ONNX Runtime encoder of these files; the caller closes it
   */
  public OnnxEncoder open(RuntimeOptions options) {
    return OnnxEncoder.create(name, onnx, new ByteArrayInputStream(tokenizerJson), config, options);
  }

  /**
   * @param maxLength the maximum token count, or 0 for the model's own
   * @return a tokenizer with this model's prefix and maximum length; the caller closes it
   * @throws IOException if the tokenizer definition is invalid
   */
  public TextTokenizer tokenizer(int maxLength) throws IOException {
    EncoderConfig effective = maxLength > 0 ? config.withMaxLength(maxLength) : config;
    return TextTokenizer.create(new ByteArrayInputStream(tokenizerJson), effective);
  }
}
