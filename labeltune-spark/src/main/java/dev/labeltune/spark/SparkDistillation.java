package dev.labeltune.spark;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Vectors;
import dev.labeltune.tuning.LabelTunerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Knowledge distillation with the teacher's work on Spark: a label-tuned teacher is trained on the
 * driver from the examples, a Spark job embeds a seeded sample of the unlabeled corpus and labels it
 * with the teacher's probabilities, and the head is label-tuned on the driver on those soft targets
 * together with the examples (label tuning is small; the corpus is not).
 *
 * @param model a built-in model name or model directory present on every executor
 * @param options the label tuner's options; their seed also draws the sample
 * @param poolSize unlabeled texts to distill on, at most
 * @param threads ONNX Runtime threads per encoder call, 0 to take them from the Spark configuration
 * @since 0.1
 */
public record SparkDistillation(String model, LabelTunerOptions options, int poolSize, int threads) {

  /** Validates. */
  public SparkDistillation {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, found " + poolSize);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative, found " + threads);
    }
  }

  /**
   * @param examples labeled single-label examples
   * @param task template, verbalizations and descriptions of the labels
   * @param unlabeled the corpus
   * @param textCol its text column; null and blank texts are skipped
   * @return the distilled head
   * @throws IllegalArgumentException if the corpus yields no usable text or the examples are invalid
   */
  public TaskHead distill(List<LabeledText> examples, TaskSpec task, Dataset<Row> unlabeled, String textCol) {
    EncoderKey key = EncoderKey.of(unlabeled.sparkSession().sparkContext(), model, threads, 0);
    OnnxEncoder encoder = key.encoder();
    HeadTrainer trainer = new HeadTrainer(encoder, options, "lt-kd", Clock.systemUTC());
    TaskHead teacher = trainer.train(examples, task);

    Dataset<Row> texts = unlabeled.select(functions.col(textCol)).where(functions.col(textCol).isNotNull());
    long available = texts.count();
    // A little over the pool, so that the Bernoulli sample rarely falls short of it.
    double fraction = Math.min(1.0, (poolSize * 1.1 + 100) / Math.max(1, available));
    Dataset<Row> sample = fraction < 1.0 ? texts.sample(false, fraction, options.seed()) : texts;

    Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(unlabeled.sparkSession().sparkContext())
        .broadcast(teacher.toBytes(HeadLimits.defaults()));
    StructType schema = sample.schema()
        .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), true)
        .add("teacher", DataTypes.createArrayType(DataTypes.FloatType, false), true)
        .add("error", DataTypes.StringType, true);
    BatchFunction label = new TeacherFunction(key, shared);
    List<Row> rows = sample.mapPartitions(new PartitionMapper(label, 0, 512, 2), Encoders.row(schema))
        .where(functions.col("error").isNull()).limit(poolSize).collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Column '" + textCol + "' of the unlabeled corpus holds no text to distill on");
    }
    float[][] pool = new float[rows.size()][];
    float[][] targets = new float[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      pool[i] = floats(rows.get(i).getList(1));
      targets[i] = floats(rows.get(i).getList(2));
    }
    return trainer.distill(examples, task, pool, targets);
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** Embeds texts and scores them with the teacher's calibrated probabilities, in its label order. */
  private static final class TeacherFunction implements BatchFunction {
    private static final long serialVersionUID = 1L;
    private final EncoderKey key;
    private final Broadcast<byte[]> head;
    private transient TaskHead teacher;

    TeacherFunction(EncoderKey key, Broadcast<byte[]> head) {
      this.key = key;
      this.head = head;
    }

    @Override
    public Object[][] apply(List<String> texts) {
      if (teacher == null) {
        teacher = TaskHead.fromBytes(head.value(), "the broadcast teacher", HeadLimits.defaults());
      }
      float[][] x = key.encoder().embedBatch(texts);
      Object[][] out = new Object[x.length][];
      for (int i = 0; i < x.length; i++) {
        double[] p = Vectors.softmax(teacher.scores(x[i]), teacher.temperature());
        float[] probabilities = new float[p.length];
        for (int c = 0; c < p.length; c++) {
          probabilities[c] = (float) p[c];
        }
        out[i] = new Object[] {x[i], probabilities};
      }
      return out;
    }
  }
}
