package dev.labeltune.torch.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.labeltune.ModelLoadException;
import dev.labeltune.encoder.EncoderConfig;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.Pooling;
import dev.labeltune.encoder.TextTokenizer;
import dev.labeltune.internal.CloseGuard;
import dev.labeltune.torch.onnx.OnnxModel;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A BERT-family sentence encoder whose weights can be trained: DJL blocks on the PyTorch engine,
 * initialized from the same ONNX file the core encoder runs, pooling and normalizing as it does.
 * {@link #toModelFiles} writes the current weights back into a copy of that ONNX graph, so a tuned
 * encoder runs everywhere a pre-trained one does.
 *
 * <p>Not thread-safe: one training or embedding call at a time.
 *
 * @since 0.1
 */
public final class TrainableEncoder implements AutoCloseable {
  private final CloseGuard guard = new CloseGuard("This trainable encoder is closed; load it again to use it.");
  /** Hidden dropout of BERT models during training. */
  public static final float DEFAULT_DROPOUT = 0.1f;

  private final ModelFiles files;
  private final BertWeights weights;
  private final EncoderConfig encoderConfig;
  private final TextTokenizer tokenizer;
  private final NDManager manager;
  private final BertEncoderBlock block;
  private final Map<String, Parameter> parameters;
  private final ParameterStore store;

  private TrainableEncoder(ModelFiles files, BertWeights weights, TextTokenizer tokenizer, float dropout) {
    this.files = files;
    this.weights = weights;
    this.tokenizer = tokenizer;
    this.encoderConfig = tokenizer.config();
    this.manager = Training.engine().newBaseManager(Device.cpu());
    this.block = new BertEncoderBlock(weights.config(), dropout);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2));
    this.parameters = block.weights();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      load(e.getValue(), weights.values(e.getKey()), weights.shape(e.getKey()), e.getKey());
    }
    this.store = new ParameterStore(manager, false);
  }

  /**
   * @param files the pre-trained model's files; only float32 BERT-family exports are supported
   * @param maxLength the maximum token count, or 0 for the model's own
   * @param dropout the dropout rate used in training passes
   * @return the encoder; the caller closes it
   * @throws ModelLoadException if the graph is not a BERT export this class can train
   */
  public static TrainableEncoder load(ModelFiles files, int maxLength, float dropout) {
    Objects.requireNonNull(files, "files");
    BertWeights weights = BertWeights.locate(OnnxModel.parse(files.onnx()));
    TextTokenizer tokenizer;
    try {
      tokenizer = files.tokenizer(maxLength);
    } catch (IOException e) {
      throw new ModelLoadException("Invalid tokenizer of model '" + files.name() + "': " + e.getMessage(), e);
    }
    if (tokenizer.config().maxLength() > weights.config().maxPositions()) {
      EncoderConfig capped = tokenizer.config().withMaxLength(weights.config().maxPositions());
      tokenizer.close();
      return load(new ModelFiles(files.name(), files.onnx(), files.tokenizerJson(), capped), maxLength, dropout);
    }
    return new TrainableEncoder(files, weights, tokenizer, dropout);
  }

  private void load(Parameter parameter, float[] values, long[] shape, String name) {
    try {
      Training.assign(manager, parameter, values, shape, name);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  /** @return the pre-trained model's name */
  public String name() {
    return files.name();
  }

  /** @return pooling, normalization, prefix and the maximum length in use */
  public EncoderConfig encoderConfig() {
    return encoderConfig;
  }

  /** @return the network's shape */
  public BertConfig bertConfig() {
    return weights.config();
  }

  /** @return the SHA-256 fingerprint of the pre-trained weights this encoder started from */
  public String baseFingerprint() {
    return files.fingerprint();
  }

  /** @return the trainable parameters */
  public Collection<Parameter> parameters() {
    return parameters.values();
  }

  /** @return the arrays this encoder's manager holds: weights, gradients, optimizer state */
  public int liveArrays() {
    return manager.getManagedArrays().size();
  }

  /** @return the number of trainable values */
  public long parameterCount() {
    return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
  }

  /**
   * @param texts texts to tokenize
   * @return their token ids, as the encoder's tokenizer produces them
   */
  public long[][] tokenize(List<String> texts) {
    return tokenizer.tokenIds(texts);
  }

  /**
   * Sentence embeddings of token sequences, pooled and normalized as the core encoder does.
   *
   * @param batch the manager that owns the inputs and every intermediate array
   * @param ids token ids per sequence, unpadded
   * @param training whether dropout is active (gradients are recorded only inside a collector)
   * @return {@code [sequences, hidden]}
   */
  public NDArray forward(NDManager batch, long[][] ids, boolean training) {
    int rows = ids.length;
    int seqLen = 0;
    for (long[] seq : ids) {
      seqLen = Math.max(seqLen, seq.length);
    }
    long[] flatIds = new long[rows * seqLen];
    long[] flatMask = new long[rows * seqLen];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(ids[r], 0, flatIds, r * seqLen, ids[r].length);
      Arrays.fill(flatMask, r * seqLen, r * seqLen + ids[r].length, 1L);
    }
    NDArray idArray = batch.create(flatIds, new Shape(rows, seqLen));
    NDArray mask = batch.create(flatMask, new Shape(rows, seqLen)).toType(DataType.FLOAT32, false);
    NDArray states = block.forward(store, new NDList(idArray, mask), training).singletonOrThrow();
    NDArray pooled;
    if (encoderConfig.pooling() == Pooling.CLS) {
      pooled = states.get(":, 0, :");
    } else {
      pooled = Tensors.maskedMean(states, mask);
    }
    if (encoderConfig.normalize()) {
      pooled = Tensors.unit(pooled);
    }
    return pooled;
  }

  /**
   * Embeds texts with the current weights, without dropout or gradients.
   *
   * @param texts non-blank texts
   * @param batchSize sequences per forward pass
   * @return one row per text, in input order
   */
  public float[][] embed(List<String> texts, int batchSize) {
    return guard.use(() -> embedOpen(texts, batchSize));
  }

  private float[][] embedOpen(List<String> texts, int batchSize) {
    long[][] ids = tokenize(texts);
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(ids[b].length, ids[a].length));
    float[][] out = new float[ids.length][];
    for (int start = 0; start < order.length; start += batchSize) {
      int end = Math.min(order.length, start + batchSize);
      long[][] chunk = new long[end - start][];
      for (int i = start; i < end; i++) {
        chunk[i - start] = ids[order[i]];
      }
      try (NDManager batch = manager.newSubManager()) {
        float[] flat = forward(batch, chunk, false).toFloatArray();
        int dim = flat.length / chunk.length;
        for (int i = start; i < end; i++) {
          out[order[i]] = Arrays.copyOfRange(flat, (i - start) * dim, (i - start + 1) * dim);
        }
      }
    }
    return out;
  }

  /** @return a copy of every weight, by name */
  public Map<String, float[]> snapshot() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      out.put(e.getKey(), e.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** @param snapshot weights from {@link #snapshot()} to put back */
  public void restore(Map<String, float[]> snapshot) {
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      load(e.getValue(), snapshot.get(e.getKey()), e.getValue().getArray().getShape().getShape(), e.getKey());
    }
  }

  /**
   * The current weights as a model: a copy of the original ONNX graph with new initializer values,
   * the same tokenizer and settings.
   *
   * @param name the new model's name
   * @return the files, ready for {@code ModelRegistry.save} or {@link ModelFiles#open}
   */
  public ModelFiles toModelFiles(String name) {
    return guard.use(() -> exportOpen(name));
  }

  private ModelFiles exportOpen(String name) {
    EncoderConfig config = new EncoderConfig(encoderConfig.pooling(), encoderConfig.normalize(),
        encoderConfig.prefix(), files.config().maxLength(), encoderConfig.temperature());
    return new ModelFiles(name, weights.export(snapshot()), files.tokenizerJson(), config);
  }

  /** Frees the weights once {@link #embed} and {@link #toModelFiles} calls in flight return. */
  @Override
  public void close() {
    guard.close(() -> {
      tokenizer.close();
      manager.close();
    });
  }
}
