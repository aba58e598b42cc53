package dev.labeltune.head;

import dev.labeltune.classify.Prediction;
import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.classify.LabelSet;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.LabelNames;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.math.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One classification task: K label names, the K x d label embeddings that score a text embedding
 * by dot product (plus an optional per-label bias, for linear heads such as logistic regression), a
 * calibrated softmax temperature and where it all came from. A head is a few
 * kilobytes; many heads share one encoder (see {@link TextClassifier}). Immutable and thread-safe.
 *
 * <pre>{@code
 * TaskHead head = TaskHead.load(Path.of("tickets.head.json"));
 * TextClassifier classifier = head.bind(encoder);
 * }</pre>
 *
 * @since 0.1
 */
public final class TaskHead {
  /** Largest L2 norm of a label embedding; real ones are near 1. */
  public static final double MAX_ROW_NORM = 1e6;

  private final List<String> labels;
  private final List<String> labelTexts;
  private final float[][] labelEmbeddings;
  /** K intercepts added to the dot products; all zero for label-embedding heads. */
  private final float[] bias;
  private final double temperature;
  private final double threshold;
  private final HeadProvenance provenance;

  private TaskHead(List<String> labels, List<String> labelTexts, float[][] labelEmbeddings, float[] bias,
      double temperature, double threshold, HeadProvenance provenance) {
    this.labels = labels;
    this.labelTexts = labelTexts;
    this.labelEmbeddings = labelEmbeddings;
    this.bias = bias;
    this.temperature = temperature;
    this.threshold = threshold;
    this.provenance = provenance;
  }

  /**
   * The zero-shot head of a task, which saves, loads, travels and binds like a trained one: the one
   * way to make one. Its temperature is the encoder's; a multi-label head takes the default threshold.
   *
   * @param encoder embeds the label texts
   * @param labels the labels and their wording
   * @param multiLabel whether the head predicts every label whose score reaches the threshold
   * @param created when the head is made
   * @return the head
   * @throws IllegalArgumentException if there are fewer than two labels
   */
  public static TaskHead zeroShot(Encoder encoder, LabelSet labels, boolean multiLabel, Instant created) {
    ZeroShotClassifier zeroShot = ZeroShotClassifier.of(encoder, labels,
        ScoringOptions.defaults().withTemperature(encoder.info().config().temperature()));
    EncoderInfo info = encoder.info();
    HeadProvenance provenance = new HeadProvenance(info.name(), info.fingerprint(), info.dimension(),
        "zero-shot", Optional.empty(), Double.NaN, Double.NaN, 0, HeadProvenance.CURRENT_VERSION, created);
    ScoringOptions scoring = zeroShot.scoring();
    return ofOwned(zeroShot.labels(), zeroShot.labelTexts(), zeroShot.labelEmbeddings(), scoring.temperature(),
        multiLabel ? scoring.threshold() : Double.NaN, provenance);
  }

  /**
   * @param labels label names, distinct, at least two
   * @param labelTexts the zero-shot text of each label
   * @param labelEmbeddings K x d label embeddings
   * @param temperature softmax temperature over raw dot products (sigmoid temperature of
   *     {@code score - threshold} for multi-label heads), positive
   * @param threshold for a multi-label head, the raw score a label needs; NaN for a single-label head
   * @param provenance encoder identity and training record
   * @return the head
   * @throws IllegalArgumentException if shapes or values are inconsistent
   */
  public static TaskHead of(List<String> labels, List<String> labelTexts, float[][] labelEmbeddings,
      double temperature, double threshold, HeadProvenance provenance) {
    Objects.requireNonNull(labelEmbeddings, "labelEmbeddings");
    return ofOwned(labels, labelTexts, Vectors.copy(labelEmbeddings), temperature, threshold, provenance);
  }

  /** {@link #of}, keeping the given rows instead of copying them: for readers that made them. */
  static TaskHead ofOwned(List<String> labels, List<String> labelTexts, float[][] labelEmbeddings,
      double temperature, double threshold, HeadProvenance provenance) {
    Objects.requireNonNull(provenance, "provenance");
    List<String> names = LabelNames.checkAll(labels);
    List<String> texts = List.copyOf(labelTexts);
    if (names.size() < (Double.isNaN(threshold) ? 2 : 1)) {
      throw new IllegalArgumentException("A task head needs at least 2 labels, found " + names.size());
    }
    if (texts.size() != names.size() || labelEmbeddings.length != names.size()) {
      throw new IllegalArgumentException("Expected " + names.size() + " label texts and embeddings, found "
          + texts.size() + " and " + labelEmbeddings.length);
    }
    for (int c = 0; c < labelEmbeddings.length; c++) {
      if (labelEmbeddings[c].length != provenance.dimension()) {
        throw new IllegalArgumentException("Label embedding " + c + " must have dimension " + provenance.dimension()
            + ", found " + labelEmbeddings[c].length);
      }
      double squares = 0;
      for (float v : labelEmbeddings[c]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("Label embedding " + c + " holds a non-finite value " + v);
        }
        squares += (double) v * v;
      }
      // Bounded rows keep every dot product with an embedding far from float overflow.
      double norm = Math.sqrt(squares);
      if (!(norm <= MAX_ROW_NORM)) {
        throw new IllegalArgumentException("Label embedding " + c + " has norm " + norm
            + ", over the limit of " + MAX_ROW_NORM);
      }
    }
    ScoringOptions.checkTemperature(temperature);
    if (!Double.isNaN(threshold)) {
      ScoringOptions.checkThreshold(threshold);
    }
    return new TaskHead(names, texts, labelEmbeddings, new float[names.size()], temperature, threshold, provenance);
  }

  /**
   * A copy scoring {@code embedding . row + bias} per label: a linear classifier's head, such as
   * logistic regression with an intercept.
   *
   * @param bias one finite intercept per label, at most {@link #MAX_ROW_NORM} in magnitude
   * @return the head with that bias
   * @throws IllegalArgumentException if the length or a value is out of range
   */
  public TaskHead withBias(float[] bias) {
    Objects.requireNonNull(bias, "bias");
    if (bias.length != labels.size()) {
      throw new IllegalArgumentException("Expected one bias per label (" + labels.size() + "), found " + bias.length);
    }
    for (int c = 0; c < bias.length; c++) {
      if (!(Math.abs(bias[c]) <= MAX_ROW_NORM)) {
        throw new IllegalArgumentException("Bias " + c + " must be finite and at most " + MAX_ROW_NORM
            + " in magnitude, found " + bias[c]);
      }
    }
    return new TaskHead(labels, labelTexts, labelEmbeddings, bias.clone(), temperature, threshold, provenance);
  }

  /**
   * Binds this head to the shared encoder it was trained for, as a Y-tuned head binds too.
   *
   * @param encoder the encoder whose fingerprint the head carries
   * @return the classifier
   * @throws dev.labeltune.IncompatibleHeadException if the head was made for another encoder
   */
  public TextClassifier bind(Encoder encoder) {
    return TextClassifier.bind(encoder, this);
  }

  /**
   * A copy of a multi-label head deciding at another threshold (a client's, for one request), with
   * everything else, its rule of always answering its best label included, as it is.
   *
   * @param threshold the raw score a label needs, finite, at most {@link #MAX_ROW_NORM} in magnitude
   * @return the head with that threshold
   * @throws IllegalArgumentException if this head is single-label or the threshold is out of range
   */
  public TaskHead withThreshold(double threshold) {
    if (!multiLabel()) {
      throw new IllegalArgumentException("A single-label head has no threshold; it answers its best label");
    }
    if (!(Math.abs(threshold) <= MAX_ROW_NORM)) {
      throw new IllegalArgumentException("A threshold must be finite and at most " + MAX_ROW_NORM
          + " in magnitude, found " + threshold);
    }
    return new TaskHead(labels, labelTexts, labelEmbeddings, bias, temperature, threshold, provenance);
  }

  /**
   * Reads a head file.
   *
   * @param file the file
   * @return the head
   * @throws IOException if the file cannot be read
   * @throws dev.labeltune.IncompatibleHeadException if it is corrupt, truncated or of a newer format
   */
  public static TaskHead load(Path file) throws IOException {
    return load(file, HeadLimits.defaults());
  }

  /**
   * Reads a head file within the given limits.
   *
   * @param file the file
   * @param limits largest file, label count and dimension accepted, checked before allocating
   * @return the head
   * @throws IOException if the file cannot be read
   * @throws dev.labeltune.IncompatibleHeadException if it is over the limits, corrupt, truncated or
   *     of a newer format
   */
  public static TaskHead load(Path file, HeadLimits limits) throws IOException {
    return HeadFile.read(file, limits);
  }

  /**
   * Reads a head from the bytes of a head file (a database blob, an upload).
   *
   * @param bytes the file's bytes
   * @param source where they came from, for messages
   * @param limits largest size, label count and dimension accepted
   * @return the head
   * @throws dev.labeltune.IncompatibleHeadException if they are over the limits, corrupt, truncated
   *     or of a newer format
   */
  public static TaskHead fromBytes(byte[] bytes, String source, HeadLimits limits) {
    return HeadFile.read(bytes, source, limits);
  }

  /**
   * Writes this head atomically to one self-describing file with a checksum.
   *
   * @param file the file to create or replace
   * @throws IOException if writing fails; an existing file is then left as it was
   * @throws IllegalArgumentException if the head is over {@link HeadLimits#defaults()}, so that it
   *     could not be loaded again
   */
  public void save(Path file) throws IOException {
    HeadFile.write(this, file, HeadLimits.defaults());
  }

  /**
   * @param limits the limits the bytes must stay within
   * @return the bytes of this head's file, as {@link #save} writes them
   * @throws IllegalArgumentException if the head is over the limits
   */
  public byte[] toBytes(HeadLimits limits) {
    return HeadFile.toBytes(this, limits);
  }

  /** @return label names */
  public List<String> labels() {
    return labels;
  }

  /** @return the zero-shot text of each label */
  public List<String> labelTexts() {
    return labelTexts;
  }

  /** @return a copy of the K x d label embeddings */
  public float[][] labelEmbeddings() {
    return Vectors.copy(labelEmbeddings);
  }

  /** The rows themselves, for the file writer, which does not modify them. */
  float[][] rawEmbeddings() {
    return labelEmbeddings;
  }

  /** @return a copy of the K intercepts added to the dot products (zeros unless {@link #withBias} set them) */
  public float[] bias() {
    return bias.clone();
  }

  /** @return whether any intercept is non-zero */
  public boolean hasBias() {
    for (float b : bias) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }

  /** @return softmax temperature over raw dot products */
  public double temperature() {
    return temperature;
  }

  /** @return whether each label is decided on its own (with {@link #threshold()}) */
  public boolean multiLabel() {
    return !Double.isNaN(threshold);
  }

  /** @return the raw score a label needs in a multi-label head; NaN for a single-label head */
  public double threshold() {
    return threshold;
  }

  /** @return encoder identity and training record */
  public HeadProvenance provenance() {
    return provenance;
  }

  /**
   * @param embedding a text embedding of the head's dimension
   * @return the K raw scores: dot products with the label embeddings plus the bias
   */
  public float[] scores(float[] embedding) {
    return addBias(Vectors.dotRows(labelEmbeddings, embedding));
  }

  private float[] addBias(float[] scores) {
    for (int c = 0; c < scores.length; c++) {
      scores[c] += bias[c];
    }
    return scores;
  }

  /**
   * @param embedding a text embedding of the head's dimension
   * @param topK label scores listed, 0 for all
   * @return the prediction, with calibrated probabilities
   */
  public Prediction predict(float[] embedding, int topK) {
    return predictBatch(new float[][] {embedding}, topK).get(0);
  }

  /**
   * @param embeddings text embeddings of the head's dimension
   * @param topK label scores listed per prediction, 0 for all
   * @return one prediction per embedding, with calibrated probabilities; a multi-label head
   *     predicts its best label and every other label whose score reaches the threshold
   */
  public List<Prediction> predictBatch(float[][] embeddings, int topK) {
    ScoringOptions scoring = new ScoringOptions(temperature, multiLabel(), multiLabel() ? threshold : 0, topK);
    float[][] scores = Vectors.dotRows(labelEmbeddings, embeddings);
    List<Prediction> out = new ArrayList<>(scores.length);
    for (float[] row : scores) {
      Prediction p = scoring.predict(labels, addBias(row));
      // A multi-label head was tuned to always answer its best label, whatever the threshold.
      out.add(p.labels().isEmpty() ? new Prediction(List.of(p.label()), p.scores()) : p);
    }
    return out;
  }
}
