package dev.labeltune.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.labeltune.InferenceException;
import dev.labeltune.ModelLoadException;
import dev.labeltune.data.Texts;
import dev.labeltune.internal.CloseGuard;
import dev.labeltune.math.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sentence encoder running an ONNX transformer on ONNX Runtime, with a Hugging Face tokenizer.
 *
 * <p>Texts are tokenized once, sorted by token count and run in batches formed by a token budget
 * ({@link RuntimeOptions#batchTokens()}) and padded per batch, so short texts never pay for long
 * ones and every forward pass is near the encoder's best size. Embeddings of recently seen texts
 * are served from an LRU cache. A caller that forms passes itself (a server sharing them between
 * requests) prepares texts once ({@link #prepare}) and runs each pass as formed ({@link #embedPass}).
 * The session and tokenizer are created once; instances are thread-safe, and {@link #close()} waits
 * for calls in flight on other threads before it frees native memory. Obtain one from {@link
 * ModelRegistry}.
 *
 * @since 0.1
 */
public final class OnnxEncoder implements Encoder {

  private final OrtEnvironment env;
  private final OrtSession session;
  private final TextTokenizer tokenizer;
  private final RuntimeOptions options;
  private final EncoderConfig config;
  private final GraphSignature graph;
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
      this.graph = GraphSignature.read(name, session);
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
      try (OrtSession.SessionOptions so = OnnxSessions.sessionOptions(opts)) {
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
    return open(name, Fingerprints.sha256(modelFile), (env, opts) -> OnnxSessions.fileSession(env, modelFile, opts),
        tokenizerJson, config, options);
  }

  /**
   * Starts loading ONNX Runtime's native library on a background thread and returns at once, so that
   * a program about to open a model overlaps that load (about 0.3 s) with its own start-up, such as
   * reading its input. Calling it more than once, or never, changes nothing else.
   */
  public static void prewarm() {
    OnnxSessions.prewarm();
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

  private static OnnxEncoder open(String name, String fingerprint, OnnxSessions.SessionFactory factory,
      InputStream tokenizerJson, EncoderConfig config, RuntimeOptions options) {
    EncoderConfig effective = options.maxLength() > 0 ? config.withMaxLength(options.maxLength()) : config;
    OnnxSessions.Opened opened = OnnxSessions.open(name, factory, tokenizerJson, effective, options);
    return new OnnxEncoder(name, fingerprint, opened.env(), opened.session(), opened.tokenizer(), effective, options);
  }

  private int probeDimension() {
    float[][] probe = embedIds(tokenizer.tokenIds(List.of("dimension probe")), 0, 1);
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

  /**
   * Prepares the texts, then runs the distinct uncached ones in the passes {@link BatchPlan} forms
   * under this encoder's token budget.
   */
  @Override
  public TextEmbeddings embedTexts(List<String> texts) {
    return guard.use(() -> {
      PreparedTexts prepared = prepareOpen(texts);
      List<EncoderInput> inputs = prepared.toEncode();
      TextEmbedding[] encoded = new TextEmbedding[inputs.size()];
      BatchPlan plan = BatchPlan.of(inputs.stream().mapToInt(EncoderInput::tokens).toArray(), options.batchTokens());
      int[] order = plan.order();
      for (BatchPlan.Batch batch : plan.batches()) {
        List<EncoderInput> pass = new ArrayList<>(batch.rows());
        for (int p = batch.start(); p < batch.end(); p++) {
          pass.add(inputs.get(order[p]));
        }
        TextEmbedding[] out = embedOpen(pass);
        for (int p = batch.start(); p < batch.end(); p++) {
          encoded[order[p]] = out[p - batch.start()];
        }
      }
      return prepared.assemble(encoded);
    });
  }

  @Override
  public PreparedTexts prepare(List<String> texts) {
    return guard.use(() -> prepareOpen(texts));
  }

  private PreparedTexts prepareOpen(List<String> texts) {
    return PreparedTexts.of(texts, cache::get, distinct -> {
      TextTokenizer.Tokenized tokens = tokenizer.tokenize(distinct);
      List<EncoderInput> inputs = new ArrayList<>(distinct.size());
      for (int i = 0; i < distinct.size(); i++) {
        long[] ids = tokens.ids()[i];
        inputs.add(new EncoderInput(distinct.get(i), ids.length, ids, tokens.truncated()[i],
            tokens.noKnownTokens()[i]));
      }
      return inputs;
    });
  }

  @Override
  public TextEmbedding[] embedPass(List<EncoderInput> pass) {
    return guard.use(() -> embedOpen(pass));
  }

  private TextEmbedding[] embedOpen(List<EncoderInput> pass) {
    long[][] ids = new long[pass.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = pass.get(i).ids();
      if (ids[i] == null) {
        throw new IllegalArgumentException("Input " + i + " of the pass was not prepared by this encoder");
      }
    }
    float[][] vectors = embedIds(ids, 0, ids.length);
    TextEmbedding[] out = new TextEmbedding[ids.length];
    for (int i = 0; i < out.length; i++) {
      EncoderInput input = pass.get(i);
      out[i] = new TextEmbedding(vectors[i], input.truncated(), input.noKnownTokens());
      cache.put(input.text(), out[i]);
    }
    return out;
  }

  @Override
  public List<TokenFeatures> tokenFeatures(List<String> texts) {
    Texts.requireVisible(texts);
    return guard.use(() -> {
      if (graph.tokenOutput() == null) {
        throw new UnsupportedOperationException("Model '" + info.name()
            + "' exposes only pooled sentence embeddings, not token states");
      }
      TokenFeatures[] out = new TokenFeatures[texts.size()];
      runBatches(tokenizer.tokenIds(texts), graph.tokenOutput(), (index, hidden, row, seqLen, length, dim) -> {
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

  /** @return the embeddings of {@code ids[from..to)} as one forward pass, in order */
  private float[][] embedIds(long[][] ids, int from, int to) {
    float[][] out = new float[to - from][];
    if (graph.tokenOutput() != null) {
      runPass(ids, from, to, graph.tokenOutput(), (index, hidden, row, seqLen, length, dim) -> {
        float[] v = new float[dim];
        config.pooling().pool(hidden, row, seqLen, length, v);
        out[index - from] = finish(v);
      });
    } else {
      runPass(ids, from, to, graph.sentenceOutput(), (index, pooled, row, seqLen, length, dim) -> {
        float[] v = new float[dim];
        pooled.get(row * dim, v, 0, dim);
        out[index - from] = finish(v);
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
    Texts.requireVisible(texts);
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
   * Runs the encodings through the model in the passes {@link #plan} forms and hands each sequence's
   * output row to {@code consumer} with the sequence's original index.
   */
  private void runBatches(long[][] encodings, String output, RowConsumer consumer) {
    BatchPlan plan = plan(encodings);
    int[] order = plan.order();
    long[][] sorted = new long[encodings.length][];
    for (int p = 0; p < sorted.length; p++) {
      sorted[p] = encodings[order[p]];
    }
    for (BatchPlan.Batch batch : plan.batches()) {
      runPass(sorted, batch.start(), batch.end(), output,
          (index, values, row, seqLen, length, dim) -> consumer.accept(order[index], values, row, seqLen, length, dim));
    }
  }

  /**
   * Runs {@code encodings[from..to)} as one forward pass, padded to the longest, and hands each
   * sequence's output row to {@code consumer} with its index in {@code encodings}.
   */
  private void runPass(long[][] encodings, int from, int to, String output, RowConsumer consumer) {
    int rows = to - from;
    int seqLen = 0;
    for (int i = from; i < to; i++) {
      seqLen = Math.max(seqLen, encodings[i].length);
    }
    long[] ids = new long[rows * seqLen];
    long[] mask = new long[rows * seqLen];
    for (int r = 0; r < rows; r++) {
      long[] tokenIds = encodings[from + r];
      System.arraycopy(tokenIds, 0, ids, r * seqLen, tokenIds.length);
      Arrays.fill(mask, r * seqLen, r * seqLen + tokenIds.length, 1L);
    }
    long[] shape = {rows, seqLen};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(GraphSignature.INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put(GraphSignature.ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (graph.feedTokenTypes()) {
        inputs.put(GraphSignature.TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * seqLen]), shape));
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
        OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
        long[] outShape = tensor.getInfo().getShape();
        int dim = (int) outShape[outShape.length - 1];
        FloatBuffer values = tensor.getFloatBuffer();
        for (int r = 0; r < rows; r++) {
          consumer.accept(from + r, values, r, seqLen, encodings[from + r].length, dim);
        }
      }
    } catch (OrtException e) {
      throw new InferenceException("Model '" + modelName() + "' failed on a batch of " + rows
          + " texts of " + seqLen + " tokens: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private String modelName() {
    return info == null ? "(loading)" : info.name();
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
