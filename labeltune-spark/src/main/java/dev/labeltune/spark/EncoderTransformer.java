package dev.labeltune.spark;

import dev.labeltune.encoder.ModelRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML transformer that runs a LabelTune encoder over a text column: the parameters and the
 * partition loop its subclasses share. The model never travels with the tasks: each executor JVM
 * opens it once (built-in models come from the jars on the executor's classpath, model directories
 * must exist on every executor) and shares it across partitions, tasks and transformers.
 *
 * @param <T> the concrete transformer, which the setters return
 * @since 0.1
 */
public abstract class EncoderTransformer<T extends EncoderTransformer<T>> extends Transformer
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /**
   * Spark configuration key for ONNX Runtime's threads per encoder call; without it, {@code
   * spark.task.cpus}, as each task slot runs its own calls on the executor's shared session.
   */
  public static final String THREADS_CONF = "spark.labeltune.onnx.threads";

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> errorCol;
  private final Param<String> model;
  private final IntParam maxLength;
  private final IntParam threads;
  private final IntParam batchSize;

  /** @param uid this instance's unique id; Spark's persistence passes the saved one */
  protected EncoderTransformer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(uid, "inputCol", "column of the texts (string)");
    errorCol = new Param<>(uid, "errorCol", "column added with why a row has no output (null when it has one)");
    model = new Param<>(uid, "model", "built-in model name or a model directory present on every executor");
    maxLength = new IntParam(uid, "maxLength", "maximum tokens per text, 0 for the model's own",
        ParamValidators.gtEq(0));
    threads = new IntParam(uid, "threads", "ONNX Runtime threads per encoder call, 0 to take them from "
        + THREADS_CONF + " or spark.task.cpus", ParamValidators.gtEq(0));
    batchSize = new IntParam(uid, "batchSize", "rows of a partition encoded together (sorted by length inside)",
        ParamValidators.inRange(1, 65_536));
    setDefault(inputCol, "text");
    setDefault(errorCol, "error");
    setDefault(maxLength, 0);
    setDefault(threads, 0);
    setDefault(batchSize, 512);
  }

  /** @param prefix the class's short name @return a fresh unique id */
  protected static String newUid(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the text column parameter */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** @return the error column parameter */
  public Param<String> errorCol() {
    return errorCol;
  }

  /** @return the model parameter */
  public Param<String> model() {
    return model;
  }

  /** @return the maximum-length parameter */
  public IntParam maxLength() {
    return maxLength;
  }

  /** @return the threads parameter */
  public IntParam threads() {
    return threads;
  }

  /** @return the batch-size parameter */
  public IntParam batchSize() {
    return batchSize;
  }

  /** @return the text column's name */
  public String getInputCol() {
    return $(inputCol);
  }

  /** @return the error column's name */
  public String getErrorCol() {
    return $(errorCol);
  }

  /** @return ONNX Runtime threads per encoder call, 0 when taken from the Spark configuration */
  public int getThreads() {
    return (Integer) $(threads);
  }

  /** @return rows encoded together */
  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  /** @return maximum tokens per text, 0 for the model's own */
  public int getMaxLength() {
    return (Integer) $(maxLength);
  }

  /** @param value the text column @return this */
  public T setInputCol(String value) {
    set(inputCol, value);
    return self();
  }

  /** @param value the error column @return this */
  public T setErrorCol(String value) {
    set(errorCol, value);
    return self();
  }

  /** @param value a built-in model name or model directory @return this */
  public T setModel(String value) {
    set(model, value);
    return self();
  }

  /** @param value maximum tokens per text, 0 for the model's own @return this */
  public T setMaxLength(int value) {
    set(maxLength, value);
    return self();
  }

  /** @param value ONNX Runtime threads per encoder call, 0 for the Spark configuration's @return this */
  public T setThreads(int value) {
    set(threads, value);
    return self();
  }

  /** @param value rows encoded together @return this */
  public T setBatchSize(int value) {
    set(batchSize, value);
    return self();
  }

  /** @return this, as the concrete type */
  protected abstract T self();

  /** @return the model to run: the parameter when set, otherwise the subclass's choice */
  protected String modelName() {
    return isDefined(model) ? $(model) : ModelRegistry.DEFAULT_MODEL;
  }

  /** @return the columns this transformer adds before the error column */
  protected abstract List<StructField> outputFields();

  /**
   * Driver-side preparation before any task runs: open the model, check compatibility, broadcast
   * what the executors need.
   *
   * @param spark the session
   * @param encoder the encoder the executors will use
   * @return the per-batch computation
   */
  protected abstract BatchFunction prepare(SparkSession spark, EncoderKey encoder);

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType input = dataset.schema();
    StructType output = transformSchema(input);
    SparkSession spark = dataset.sparkSession();
    EncoderKey key = EncoderKey.of(spark.sparkContext(), modelName(), getThreads(), getMaxLength());
    BatchFunction function = prepare(spark, key);
    PartitionMapper mapper = new PartitionMapper(function, input.fieldIndex(getInputCol()), getBatchSize(),
        output.size() - input.size() - 1);
    return dataset.toDF().mapPartitions(mapper, Encoders.row(output));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(getInputCol())) {
      throw new IllegalArgumentException("Input column '" + getInputCol() + "' not found; the columns are " + names);
    }
    if (!(schema.apply(getInputCol()).dataType() instanceof StringType)) {
      throw new IllegalArgumentException("Input column '" + getInputCol() + "' must hold strings, found "
          + schema.apply(getInputCol()).dataType().simpleString());
    }
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    List<StructField> added = new ArrayList<>(outputFields());
    added.add(DataTypes.createStructField(getErrorCol(), DataTypes.StringType, true));
    for (StructField f : added) {
      if (names.contains(f.name())) {
        throw new IllegalArgumentException("Output column '" + f.name() + "' already exists; choose another name");
      }
      fields.add(f);
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  public T copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
