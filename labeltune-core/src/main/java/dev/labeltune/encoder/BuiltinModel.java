package dev.labeltune.encoder;

import java.util.Objects;

/**
 * A pre-trained encoder that LabelTune knows by name. Its ONNX file and tokenizer are read from a
 * model jar on the classpath ({@code dev.langchain4j:<artifactId>} on Maven Central); none of that
 * jar's classes are used.
 *
 * @param name the name users type, e.g. {@code all-minilm-l6-v2}
 * @param resourceBase the resources are {@code <resourceBase>.onnx} and {@code <resourceBase>-tokenizer.json}
 * @param artifactId the Maven artifact that ships the resources
 * @param config pooling, normalization, prefix and maximum length as the model's authors document
 * @param description one line for listings
 * @since 0.1
 */
public record BuiltinModel(String name, String resourceBase, String artifactId, EncoderConfig config,
    String description) {

  /** Validates the values. */
  public BuiltinModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resourceBase, "resourceBase");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(description, "description");
  }

  /** @return the classpath resource of the ONNX graph */
  public String modelResource() {
    return resourceBase + ".onnx";
  }

  /** @return the classpath resource of the tokenizer definition */
  public String tokenizerResource() {
    return resourceBase + "-tokenizer.json";
  }

  /** @return whether this model's jar is on the classpath */
  public boolean isAvailable() {
    ClassLoader loader = BuiltinModel.class.getClassLoader();
    return loader.getResource(modelResource()) != null && loader.getResource(tokenizerResource()) != null;
  }
}
