package dev.labeltune.encoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.labeltune.InferenceException;
import dev.labeltune.ModelLoadException;
import dev.labeltune.data.Texts;
import dev.labeltune.internal.CloseGuard;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.math.Vectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sentence encoder running an ONNX transformer on ONNX Runtime, with a Hugging Face tokenizer.
 *
 * <p>Texts are tokenized once, sorted by token count and run in batches formed by a token budget
 * ({@link RuntimeOptions#batchTokens()}) and padded per batch, so short texts never pay for long
 * ones and every forward pass is near the encoder's best size. Embeddings of recently seen texts
 * are served from an LRU cache. The session and tokenizer are created once; instances are thread-safe, and {@link #close()} waits for calls in
 * flight on other threads before it frees native memory. Obtain one from {@link ModelRegistry}.
 *
 * @since 0.1
 */
public final class OnnxEncoder implements Encoder {
  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final List<String> TOKEN_OUTPUT_NAMES = List.of("last_hidden_state", "token_embeddings");
  private static final String SENTENCE_OUTPUT_NAME = "sentence_embedding";
  private static final AtomicBoolean PREWARMED = new AtomicBoolean();

  private final OrtEnvironment env;
  private final OrtSession session;
  private final TextTokenizer tokenizer;
  private final RuntimeOptions options;
  private final EncoderConfig config;
  private final boolean feedTokenTypes;
  private final String tokenOutput;
  private final String sentenceOutput;
  private final EmbeddingCache cache;
  private final EncoderInfo info;
  private final CloseGuard guard =
      new CloseGuard("This encoder is closed; load the model again to use it.");

  private OnnxEncoder(String name, String fingerprint, OrtEnvironment env, OrtSession session,
      TextTokenizer tokenizer, EncoderConfig config, RuntimeOptions options) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.options = options;
    this.config = config;
    try {
      Set<String> inputs = session.getInputNames();
      for (String required : List.of(INPUT_IDS, ATTENTION_MASK)) {
        if (!inputs.contains(required)) {
          throw new ModelLoadException("Invalid model '" + name + "': expected input '" + required
              + "', found " + inputs);
        }
      }
      for (String input : inputs) {
        if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(input)) {
          throw new ModelLoadException("Invalid model '" + name + "': unsupported input '" + input
              + "'; a sentence encoder takes " + List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS));
        }
      }
      this.feedTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
      Map<String, Integer> ranks = outputRanks(session.getOutputInfo());
      this.tokenOutput = pickOutput(ranks, TOKEN_OUTPUT_NAMES, 3);
      this.sentenceOutput = pickOutput(ranks, List.of(SENTENCE_OUTPUT_NAME), 2);
      if (tokenOutput == null && sentenceOutput == null) {
        throw new ModelLoadException("Invalid model '" + name + "': expected an output of rank 3 "
            + "(token states) or rank 2 (sentence embedding), found " + ranks);
      }
    } catch (OrtException | RuntimeException e) {
      closeQuietly();
      if (e instanceof ModelLoadException mle) {
        throw mle;
      }
      throw new ModelLoadException("Cannot load model '" + name + "': " + e.getMessage(), e);
    }
    this.cache = new EmbeddingCache(options.cacheSize());
    int dimension = probeDimension();
    this.info = new EncoderInfo(name, fingerprint, dimension, config);
  }

  /**
   * Creates an encoder from model bytes and a tokenizer definition.
   *
   * @param name the model's name
   * @param modelBytes the ONNX file's contents
   * @param tokenizerJson the {@code tokenizer.json} contents; not closed
   * @param config pooling, normalization, prefix and maximum length
   * @param options batch size, threads, cache size and an optional maximum-length override
   * @return a ready encoder
   * @throws ModelLoadException if the graph or tokenizer is invalid
   */
  public static OnnxEncoder create(String name, byte[] modelBytes, InputStream tokenizerJson,
      EncoderConfig config, RuntimeOptions options) {
    Objects.requireNonNull(modelBytes, "modelBytes");
    return open(name, Fingerprints.sha256(modelBytes), (env, opts) -> {
      try (OrtSession.SessionOptions so = sessionOptions(opts)) {
        return env.createSession(modelBytes, so);
      }
    }, tokenizerJson, config, options);
  }

  /**
   * Creates an encoder from an ONNX file, which may be larger than a Java array can hold.
   *
   * @param name the model's name
   * @param modelFile the ONNX file
   * @param tokenizerJson the {@code tokenizer.json} contents; not closed
   * @param config pooling, normalization, prefix and maximum length
   * @param options batch size, threads, cache size and an optional maximum-length override
   * @return a ready encoder
   * @throws IOException if the file cannot be read
   * @throws ModelLoadException if the graph or tokenizer is invalid
   */
  public static OnnxEncoder create(String name, Path modelFile, InputStream tokenizerJson,
      EncoderConfig config, RuntimeOptions options) throws IOException {
    return open(name, Fingerprints.sha256(modelFile), (env, opts) -> fileSession(env, modelFile, opts),
        tokenizerJson, config, options);
  }

  /**
   * Starts loading ONNX Runtime's native library on a background thread and returns at once, so that
   * a program about to open a model overlaps that load (about 0.3 s) with its own start-up, such as
   * reading its input. Calling it more than once, or never, changes nothing else.
   */
  public static void prewarm() {
    if (PREWARMED.compareAndSet(false, true)) {
      DaemonThreads.oneShot("labeltune-runtime-prewarm").execute(() -> {
        try {
          runtime();
        } catch (RuntimeException | LinkageError e) {
          // Opening a model will load the runtime again and report the problem there.
        }
      });
    }
  }

  /**
   * {@link #create(String, Path, InputStream, EncoderConfig, RuntimeOptions)} for a graph in the model
   * cache, whose fingerprint is known: opened through its {@link OptimizedGraph}.
   */
  static OnnxEncoder createCached(String name, String fingerprint, Path modelFile, InputStream tokenizerJson,
      EncoderConfig config, RuntimeOptions options) {
    return open(name, fingerprint, (env, opts) -> OptimizedGraph.open(env, modelFile, opts), tokenizerJson, config,
        options);
  }

  @FunctionalInterface
  private interface SessionFactory {
    OrtSession create(OrtEnvironment env, RuntimeOptions options) throws OrtException;
  }

  private static OnnxEncoder open(String name, String fingerprint, SessionFactory factory,
      InputStream tokenizerJson, EncoderConfig config, RuntimeOptions options) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    EncoderConfig effective = options.maxLength() > 0 ? config.withMaxLength(options.maxLength()) : config;
    byte[] definition;
    try {
      definition = tokenizerJson.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read the tokenizer of model '" + name + "': " + e.getMessage(), e);
    }
    // The tokenizer's native library and the ONNX session each take a few hundred milliseconds to
    // load, which is most of a short command's run: load them side by side.
    CompletableFuture<TextTokenizer> tokenizer = CompletableFuture.supplyAsync(() -> {
      try {
        return TextTokenizer.create(new ByteArrayInputStream(definition), effective);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, DaemonThreads.oneShot("labeltune-tokenizer-load"));
    OrtEnvironment env = runtime();
    OrtSession session;
    try {
      session = factory.create(env, options);
    } catch (OrtException e) {
      tokenizer.thenAccept(TextTokenizer::close);
      throw new ModelLoadException("Model '" + name + "' is not a valid ONNX file: " + e.getMessage(), e);
    }
    TextTokenizer loaded;
    try {
      loaded = tokenizer.join();
    } catch (CompletionException e) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
      throw new ModelLoadException("Cannot load the tokenizer of model '" + name + "': " + cause.getMessage(), cause);
    }
    return new OnnxEncoder(name, fingerprint, env, session, loaded, effective, options);
  }

  /**
   * ONNX Runtime's environment, shared by every session of the process, its native libraries loaded
   * from the model cache when it can (see the README's "Encoders"); {@link GraphSession} runs other
   * graphs in it.
   *
   * @return the environment
   */
  static OrtEnvironment runtime() {
    ModelCache.useUnpackedRuntime();
    return OrtEnvironment.getEnvironment();
  }

  /** @return a session on an ONNX file with the options every encoder session runs with */
  static OrtSession fileSession(OrtEnvironment env, Path modelFile, RuntimeOptions options) throws OrtException {
    try (OrtSession.SessionOptions so = sessionOptions(options)) {
      return env.createSession(modelFile.toString(), so);
    }
  }

  /** @return the options every encoder session runs with; the caller closes them */
  static OrtSession.SessionOptions sessionOptions(RuntimeOptions options) throws OrtException {
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    so.setIntraOpNumThreads(options.threads());
    so.setInterOpNumThreads(1);
    so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    so.addConfigEntry("session.intra_op.allow_spinning", "0");
    return so;
  }

  private static Map<String, Integer> outputRanks(Map<String, NodeInfo> outputs) {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo t) {
        ranks.put(e.getKey(), t.getShape().length);
      }
    }
    return ranks;
  }

  /** Prefers an output by its conventional name, else the first of the wanted rank. */
  private static String pickOutput(Map<String, Integer> ranks, List<String> names, int rank) {
    for (String n : names) {
      if (Integer.valueOf(rank).equals(ranks.get(n))) {
        return n;
      }
    }
    if (rank == 2 && ranks.containsValue(3)) {
      return null;
    }
    for (Map.Entry<String, Integer> e : ranks.entrySet()) {
      if (e.getValue() == rank) {
        return e.getKey();
      }
    }
    return null;
  }

  private int probeDimension() {
    float[][] probe = runEmbeddings(tokenizer.tokenIds(List.of("dimension probe")));
    return probe[0].length;
  }

  @Override
  public EncoderInfo info() {
    return info;
  }

  /**
   * @return the share of looked-up texts whose embedding came from the cache, 0 before any lookup
   */
  public double cacheHitRatio() {
    long[] stats = cache.stats();
    return stats[1] == 0 ? 0 : (double) stats[0] / stats[1];
  }

  @Override
  public float[][] embedBatch(List<String> texts) {
    return embedTexts(texts).vectors();
  }

  @Override
  public TextEmbeddings embedTexts(List<String> texts) {
    validate(texts);
    return guard.use(() -> embedValidated(texts));
  }

  private TextEmbeddings embedValidated(List<String> texts) {
    int n = texts.size();
    float[][] out = new float[n][];
    boolean[] truncated = new boolean[n];
    boolean[] unknown = new boolean[n];
    // Each distinct uncached text is encoded once, whatever its number of occurrences.
    Map<String, List<Integer>> pending = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String text = texts.get(i);
      EmbeddingCache.Entry hit = cache.get(text);
      if (hit != null) {
        out[i] = hit.vector();
        truncated[i] = hit.truncated();
        unknown[i] = hit.noKnownTokens();
      } else {
        pending.computeIfAbsent(text, k -> new ArrayList<>(1)).add(i);
      }
    }
    if (!pending.isEmpty()) {
      List<String> distinct = new ArrayList<>(pending.keySet());
      TextTokenizer.Tokenized tokens = tokenizer.tokenize(distinct);
      float[][] fresh = runEmbeddings(tokens.ids());
      for (int j = 0; j < distinct.size(); j++) {
        boolean cut = tokens.truncated()[j];
        boolean none = tokens.noKnownTokens()[j];
        cache.put(distinct.get(j), fresh[j], cut, none);
        List<Integer> positions = pending.get(distinct.get(j));
        for (int p = 0; p < positions.size(); p++) {
          int i = positions.get(p);
          out[i] = p == 0 ? fresh[j] : fresh[j].clone();
          truncated[i] = cut;
          unknown[i] = none;
        }
      }
    }
    return new TextEmbeddings(out, truncated, unknown);
  }

  @Override
  public int[] tokenCounts(List<String> texts) {
    validate(texts);
    return guard.use(() -> Arrays.stream(tokenizer.tokenIds(texts)).mapToInt(ids -> ids.length).toArray());
  }

  @Override
  public List<TokenFeatures> tokenFeatures(List<String> texts) {
    validate(texts);
    return guard.use(() -> {
      if (tokenOutput == null) {
        throw new UnsupportedOperationException("Model '" + info.name()
            + "' exposes only pooled sentence embeddings, not token states");
      }
      TokenFeatures[] out = new TokenFeatures[texts.size()];
      runBatches(tokenizer.tokenIds(texts), tokenOutput, (index, hidden, row, seqLen, length, dim) -> {
        float[][] states = new float[length][dim];
        int base = row * seqLen * dim;
        for (int t = 0; t < length; t++) {
          hidden.get(base + t * dim, states[t], 0, dim);
        }
        out[index] = new TokenFeatures(states);
      });
      return List.of(out);
    });
  }

  private float[][] runEmbeddings(long[][] encodings) {
    float[][] out = new float[encodings.length][];
    if (tokenOutput != null) {
      runBatches(encodings, tokenOutput, (index, hidden, row, seqLen, length, dim) -> {
        float[] v = new float[dim];
        config.pooling().pool(hidden, row, seqLen, length, v);
        out[index] = finish(v);
      });
    } else {
      runBatches(encodings, sentenceOutput, (index, pooled, row, seqLen, length, dim) -> {
        float[] v = new float[dim];
        pooled.get(row * dim, v, 0, dim);
        out[index] = finish(v);
      });
    }
    return out;
  }

  private float[] finish(float[] v) {
    return config.normalize() ? Vectors.normalizeInPlace(v) : v;
  }

  /** Receives one sequence's slice of a batch output. */
  @FunctionalInterface
  private interface RowConsumer {
    void accept(int index, FloatBuffer output, int row, int seqLen, int length, int dim);
  }

  /**
   * The forward passes that embedding these texts would run, the cache aside: for benchmarks that
   * count real and padded tokens.
   *
   * @param texts non-blank texts
   * @return the plan under this encoder's token budget
   */
  public BatchPlan batchPlan(List<String> texts) {
    validate(texts);
    return guard.use(() -> plan(tokenizer.tokenIds(texts)));
  }

  /** @return the forward passes for these token sequences under this encoder's budget */
  private BatchPlan plan(long[][] encodings) {
    int[] lengths = new int[encodings.length];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = encodings[i].length;
    }
    return BatchPlan.of(lengths, options.batchTokens());
  }

  /**
   * Runs the encodings through the model in length-sorted, per-batch-padded batches and hands each
   * sequence's output row to {@code consumer} with the sequence's original index.
   */
  private void runBatches(long[][] encodings, String output, RowConsumer consumer) {
    BatchPlan plan = plan(encodings);
    int[] order = plan.order();
    for (BatchPlan.Batch batch : plan.batches()) {
      int start = batch.start();
      int seqLen = batch.seqLen();
      int rows = batch.rows();
      long[] ids = new long[rows * seqLen];
      long[] mask = new long[rows * seqLen];
      for (int r = 0; r < rows; r++) {
        long[] tokenIds = encodings[order[start + r]];
        System.arraycopy(tokenIds, 0, ids, r * seqLen, tokenIds.length);
        Arrays.fill(mask, r * seqLen, r * seqLen + tokenIds.length, 1L);
      }
      long[] shape = {rows, seqLen};
      Map<String, OnnxTensor> inputs = new HashMap<>();
      try {
        inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
        inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
        if (feedTokenTypes) {
          inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * seqLen]), shape));
        }
        try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
          OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
          long[] outShape = tensor.getInfo().getShape();
          int dim = (int) outShape[outShape.length - 1];
          FloatBuffer values = tensor.getFloatBuffer();
          for (int r = 0; r < rows; r++) {
            int index = order[start + r];
            consumer.accept(index, values, r, seqLen, encodings[index].length, dim);
          }
        }
      } catch (OrtException e) {
        throw new InferenceException("Model '" + modelName() + "' failed on a batch of " + rows
            + " texts of " + seqLen + " tokens: " + e.getMessage(), e);
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
  }

  private String modelName() {
    return info == null ? "(loading)" : info.name();
  }

  private static void validate(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String which = texts.size() == 1 ? "Text" : "Text at index " + i;
      if (text == null) {
        throw new NullPointerException(which + " is null");
      }
      if (!Texts.hasVisibleContent(text)) {
        throw new IllegalArgumentException(which + " is blank" + (text.isEmpty() ? "" : " (" + Texts.quote(text)
            + " has no visible character)") + "; there is nothing to classify");
      }
    }
  }

  /** Waits for the calls in flight on other threads, then releases the session and tokenizer. */
  @Override
  public void close() {
    guard.close(this::closeQuietly);
  }

  private void closeQuietly() {
    if (tokenizer != null) {
      tokenizer.close();
    }
    try {
      session.close();
    } catch (OrtException e) {
      throw new InferenceException("Cannot release the session of model '" + modelName() + "'", e);
    }
  }
}
