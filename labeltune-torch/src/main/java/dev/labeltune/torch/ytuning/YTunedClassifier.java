package dev.labeltune.torch.ytuning;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.labeltune.InferenceException;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.TokenFeatures;
import dev.labeltune.internal.CloseGuard;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.network.Training;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A {@link YTunedHead} bound to its encoder: token features from the shared encoder, scores from the
 * head's label decoder. Unlike a label-tuned head, the decoder runs once per text over all label
 * vectors, so the cost grows with the number of labels. Not thread-safe.
 *
 * @since 0.1
 */
public final class YTunedClassifier implements AutoCloseable {
  private static final int PREDICT_BATCH = 32;

  private final Encoder encoder;
  private final YTunedHead head;
  private final NDManager manager;
  private final LabelDecoder decoder;
  private final ParameterStore store;
  private final CloseGuard guard = new CloseGuard("This Y-tuned classifier is closed; bind the head again to use it.");

  YTunedClassifier(Encoder encoder, YTunedHead head) {
    this.encoder = encoder;
    this.head = head;
    this.manager = Training.engine().newBaseManager(Device.cpu());
    try {
      decoder = new LabelDecoder(head.labels().size(), head.dimension(), head.options());
      decoder.initialize(manager, DataType.FLOAT32, new Shape(1, 2, head.dimension()), new Shape(1, 2));
      for (var entry : decoder.getParameters()) {
        Parameter p = entry.getValue();
        float[] values = head.weights().get(entry.getKey());
        if (values == null) {
          throw new IllegalArgumentException("the head file lacks weight '" + entry.getKey() + "'");
        }
        Training.assign(manager, p, values, head.shapes().get(entry.getKey()), entry.getKey());
      }
      store = new ParameterStore(manager, false);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** @return the head */
  public YTunedHead head() {
    return head;
  }

  /**
   * @param texts non-blank texts
   * @return per text, one raw score per label
   */
  public float[][] scores(List<String> texts) {
    return guard.use(() -> scores(features(encoder, texts)));
  }

  /** @param features per text, its token states from the bound encoder @return per text, one raw score per label */
  float[][] scores(float[][][] features) {
    int k = head.labels().size();
    // Length-sorted batches pad little.
    List<Integer> order = new ArrayList<>(IntStream.range(0, features.length).boxed().toList());
    order.sort(Comparator.comparingInt(i -> features[i].length));
    float[] flat = scores(decoder, store, manager, features, order, k);
    float[][] out = new float[features.length][];
    for (int i = 0; i < order.size(); i++) {
      out[order.get(i)] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
    }
    return out;
  }

  /**
   * @param texts non-blank texts
   * @param topK label scores listed per prediction; 0 lists all
   * @return per text, the best label and the label probabilities (softmax of the scores at the
   *     head's temperature, or 1 when it has none)
   */
  public List<Prediction> classifyBatch(List<String> texts, int topK) {
    double temperature = Double.isNaN(head.temperature()) ? 1.0 : head.temperature();
    List<Prediction> out = new ArrayList<>(texts.size());
    for (float[] s : scores(texts)) {
      for (float v : s) {
        if (!Float.isFinite(v)) {
          throw new InferenceException("The label decoder gave a non-finite score " + v + "; the head is not usable");
        }
      }
      double[] p = Vectors.softmax(s, temperature);
      List<LabelScore> scores = IntStream.range(0, s.length).boxed()
          .sorted((a, b) -> Float.compare(s[b], s[a]))
          .limit(topK <= 0 ? s.length : topK)
          .map(c -> new LabelScore(head.labels().get(c), s[c], p[c]))
          .toList();
      out.add(new Prediction(List.of(scores.get(0).label()), scores));
    }
    return out;
  }

  /** @return the arrays the decoder's manager holds: its weights, and nothing a scoring call left */
  int liveArrays() {
    return manager.getManagedArrays().size();
  }

  /** Releases the decoder's native memory once calls in flight return; the encoder stays open. */
  /**
   * Token features of texts: the encoder's last hidden states, computed once.
   *
   * @throws IllegalArgumentException if the encoder exposes only pooled embeddings
   */
  static float[][][] features(Encoder encoder, List<String> texts) {
    List<TokenFeatures> states;
    try {
      states = encoder.tokenFeatures(texts);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException("Y-Tuning attends over token states, but " + e.getMessage(), e);
    }
    float[][][] out = new float[states.size()][][];
    for (int i = 0; i < out.length; i++) {
      out[i] = states.get(i).states();
    }
    return out;
  }

  /** Scores rows in batches without dropout or gradients; returns them flat, row-major. */
  static float[] scores(LabelDecoder decoder, ParameterStore store, NDManager manager, float[][][] features,
      List<Integer> rows, int k) {
    float[] out = new float[rows.size() * k];
    for (int s = 0; s < rows.size(); s += PREDICT_BATCH) {
      List<Integer> batch = rows.subList(s, Math.min(rows.size(), s + PREDICT_BATCH));
      try (NDManager scope = manager.newSubManager()) {
        float[] part = decoder.forward(store, TokenBatch.of(scope, features, batch), false).singletonOrThrow()
            .toFloatArray();
        System.arraycopy(part, 0, out, s * k, part.length);
      }
    }
    return out;
  }

  @Override
  public void close() {
    guard.close(manager::close);
  }
}
