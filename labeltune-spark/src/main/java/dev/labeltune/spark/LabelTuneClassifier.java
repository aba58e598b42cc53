package dev.labeltune.spark;

import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.classify.LabelSet;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Classifies a text column with a task head (made by {@code labeltune tune}, {@code distill} or the
 * library), or zero-shot from label names and a template. Adds the best label ({@code
 * prediction}), for multi-label heads every predicted label ({@code labels}), every label's
 * probability ({@code probabilities}, {@code map<string,float>}) and {@code error}.
 *
 * <pre>{@code
 * LabelTuneClassifier classifier = new LabelTuneClassifier().setHeadFile("tickets.head.json");
 * Dataset<Row> labeled = classifier.transform(tickets);
 * }</pre>
 *
 * <p>The driver opens the model once before any task runs, so a head made for another encoder fails
 * there with the same error as {@code labeltune predict}; the head is broadcast, and it is stored in
 * the transformer's parameters, so a saved pipeline carries it.
 *
 * @since 0.1
 */
public final class LabelTuneClassifier extends EncoderTransformer<LabelTuneClassifier> {
  private static final long serialVersionUID = 1L;

  private final Param<String> head;
  private final StringArrayParam labels;
  private final Param<String> template;
  private final BooleanParam multiLabel;
  private final Param<String> predictionCol;
  private final Param<String> labelsCol;
  private final Param<String> probabilitiesCol;

  /** A classifier with a fresh id; set a head or zero-shot labels before use. */
  public LabelTuneClassifier() {
    this(newUid("labelTuneClassifier"));
  }

  /** @param uid the instance's id (persistence passes the saved one) */
  public LabelTuneClassifier(String uid) {
    super(uid);
    head = new Param<>(uid, "head", "the task head file's JSON content");
    labels = new StringArrayParam(this, "labels", "label names for zero-shot classification (when no head is set)");
    template = new Param<>(uid, "template", "zero-shot hypothesis template with one {}");
    multiLabel = new BooleanParam(uid, "multiLabel", "zero-shot: predict every label whose score passes the threshold");
    predictionCol = new Param<>(uid, "predictionCol", "column added with the best label");
    labelsCol = new Param<>(uid, "labelsCol", "column added with every predicted label (multi-label heads only)");
    probabilitiesCol = new Param<>(uid, "probabilitiesCol", "column added with each label's probability");
    setDefault(multiLabel, false);
    setDefault(predictionCol, "prediction");
    setDefault(labelsCol, "labels");
    setDefault(probabilitiesCol, "probabilities");
  }

  /** @return a reader for {@code save}d classifiers, as Spark's pipeline persistence expects */
  public static MLReader<LabelTuneClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** @param path where a classifier was saved @return the classifier */
  public static LabelTuneClassifier load(String path) {
    return read().load(path);
  }

  /** @return the head parameter (a head file's JSON) */
  public Param<String> head() {
    return head;
  }

  /** @return the zero-shot labels parameter */
  public StringArrayParam labels() {
    return labels;
  }

  /** @return the zero-shot template parameter */
  public Param<String> template() {
    return template;
  }

  /** @return the zero-shot multi-label parameter */
  public BooleanParam multiLabel() {
    return multiLabel;
  }

  /** @return the prediction column parameter */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** @return the labels column parameter */
  public Param<String> labelsCol() {
    return labelsCol;
  }

  /** @return the probabilities column parameter */
  public Param<String> probabilitiesCol() {
    return probabilitiesCol;
  }

  /**
   * Reads and validates a head file on the driver and keeps its content.
   *
   * @param file a head file made by {@code labeltune tune}, {@code distill} or the library
   * @return this
   * @throws UncheckedIOException if the file cannot be read
   * @throws dev.labeltune.LabelTuneException if it is not a valid head
   */
  public LabelTuneClassifier setHeadFile(String file) {
    try {
      return setHead(TaskHead.load(Path.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read head file " + file + ": " + e.getMessage(), e);
    }
  }

  /** @param value a task head @return this */
  public LabelTuneClassifier setHead(TaskHead value) {
    set(head, new String(value.toBytes(HeadLimits.defaults()), StandardCharsets.UTF_8));
    return this;
  }

  /** @param names zero-shot label names, used when no head is set @return this */
  public LabelTuneClassifier setLabels(String... names) {
    set(labels, names);
    return this;
  }

  /** @param pattern zero-shot template with one {@code {}} @return this */
  public LabelTuneClassifier setTemplate(String pattern) {
    set(template, new HypothesisTemplate(pattern).pattern());
    return this;
  }

  /** @param value zero-shot multi-label mode @return this */
  public LabelTuneClassifier setMultiLabel(boolean value) {
    set(multiLabel, value);
    return this;
  }

  /** @param value the prediction column @return this */
  public LabelTuneClassifier setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /** @param value the labels column (multi-label heads) @return this */
  public LabelTuneClassifier setLabelsCol(String value) {
    set(labelsCol, value);
    return this;
  }

  /** @param value the probabilities column @return this */
  public LabelTuneClassifier setProbabilitiesCol(String value) {
    set(probabilitiesCol, value);
    return this;
  }

  /** @return the head set on this classifier, if any */
  private TaskHead taskHead() {
    return TaskHead.fromBytes($(head).getBytes(StandardCharsets.UTF_8), "the classifier's head parameter",
        HeadLimits.defaults());
  }

  private boolean predictsSeveral() {
    if (isDefined(head)) {
      return taskHead().multiLabel();
    }
    return (Boolean) $(multiLabel);
  }

  /** The head's own encoder unless a model is set, as {@code labeltune predict} does. */
  @Override
  protected String modelName() {
    return !isSet(model()) && isDefined(head) ? taskHead().provenance().encoderName() : super.modelName();
  }

  @Override
  protected LabelTuneClassifier self() {
    return this;
  }

  @Override
  protected List<StructField> outputFields() {
    if (!isDefined(head) && !isDefined(labels)) {
      throw new IllegalArgumentException("Set a head (setHeadFile) or zero-shot labels (setLabels) first");
    }
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField($(predictionCol), DataTypes.StringType, true));
    if (predictsSeveral()) {
      fields.add(DataTypes.createStructField($(labelsCol), DataTypes.createArrayType(DataTypes.StringType, false), true));
    }
    fields.add(DataTypes.createStructField($(probabilitiesCol),
        DataTypes.createMapType(DataTypes.StringType, DataTypes.FloatType, false), true));
    return fields;
  }

  @Override
  protected BatchFunction prepare(SparkSession spark, EncoderKey key) {
    OnnxEncoder encoder = key.encoder();
    TaskHead task;
    if (isDefined(head)) {
      task = taskHead();
      TextClassifier.checkCompatible(encoder.info(), task);
    } else {
      LabelSet.Builder wording = LabelSet.builder().labels(Arrays.asList($(labels)));
      if (isDefined(template)) {
        wording.template($(template));
      }
      task = TaskHead.zeroShot(encoder, wording.build(), (Boolean) $(multiLabel), Instant.now());
    }
    Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(task.toBytes(HeadLimits.defaults()));
    return new Classify(key, shared, task.multiLabel());
  }

  /** Classifies on an executor with the broadcast head, bound once per task to the JVM's encoder. */
  private static final class Classify implements BatchFunction {
    private static final long serialVersionUID = 1L;
    private final EncoderKey key;
    private final Broadcast<byte[]> head;
    private final boolean multiLabel;
    private transient TextClassifier classifier;

    Classify(EncoderKey key, Broadcast<byte[]> head, boolean multiLabel) {
      this.key = key;
      this.head = head;
      this.multiLabel = multiLabel;
    }

    @Override
    public Object[][] apply(List<String> texts) {
      if (classifier == null) {
        classifier = TaskHead.fromBytes(head.value(), "the broadcast head", HeadLimits.defaults()).bind(key.encoder());
      }
      List<Prediction> predictions = classifier.classifyBatch(texts, 0);
      Object[][] out = new Object[predictions.size()][];
      for (int i = 0; i < out.length; i++) {
        Prediction p = predictions.get(i);
        Map<String, Float> probabilities = new LinkedHashMap<>();
        for (LabelScore s : p.scores()) {
          probabilities.put(s.label(), (float) s.probability());
        }
        Object map = CollectionConverters.asScala(probabilities);
        out[i] = multiLabel
            ? new Object[] {p.label(), CollectionConverters.asScala(p.labels()).toSeq(), map}
            : new Object[] {p.label(), map};
      }
      return out;
    }
  }
}
