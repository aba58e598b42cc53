package dev.labeltune.spark;

import dev.labeltune.LabelTuneException;
import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.head.TaskHead;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code labeltune spark}: classify, embed and distill on Spark. The main class for {@code
 * spark-submit} as well as for {@code ./labeltune spark}, which runs it on a local master.
 */
@Command(name = "labeltune spark", mixinStandardHelpOptions = true,
    description = "Classify or embed a corpus on Spark, or distill a head from one.",
    subcommands = {SparkJob.Classify.class, SparkJob.Embed.class, SparkJob.Distill.class})
public final class SparkJob implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    closeEncodersOnSignals();
    System.exit(execute(args));
  }

  /**
   * SIGTERM and SIGINT close this JVM's encoders (after the calls in flight) and only then exit, so
   * that no inference runs when the shutdown hooks start: ONNX Runtime's own hook releases its
   * environment at once, which crashed a job killed mid-run (SIGSEGV in the runtime). The tasks still
   * running fail, and the job exits with 128 + the signal's number, as a killed process does.
   */
  private static void closeEncodersOnSignals() {
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(new Signal(name), signal -> {
          EncoderKey.closeAll();
          System.err.println("labeltune spark: stopped by SIG" + signal.getName() + "; the output is incomplete");
          System.exit(128 + signal.getNumber());
        });
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (-Xrs, say): the encoders' shutdown hook still closes them.
      }
    }
  }

  /**
   * @param args the command line
   * @return the exit code: 0, 1 for bad data, files or models, 2 for bad usage
   */
  static int execute(String... args) {
    return execute(new PrintWriter(System.err, true), args);
  }

  /**
   * @param err where messages go
   * @param args the command line
   * @return the exit code
   */
  static int execute(PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SparkJob()).setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("labeltune spark: " + message(e));
      cmd.getErr().flush();
      return e instanceof IllegalArgumentException && !(e instanceof LabelTuneException) ? 2 : 1;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("labeltune spark: " + e.getMessage());
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return 2;
    });
    return cli.execute(args);
  }

  private static String message(Throwable e) {
    // Spark wraps executor failures; the cause says what went wrong.
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof UncheckedIOException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: classify, embed or distill");
  }

  /** {@code --model}, one option for every job; {@code classify --head} defaults to the head's encoder. */
  static final class ModelOption {
    @Option(names = "--model", description = "Built-in model or model directory (default: for classify --head the "
        + "head's encoder, else " + ModelRegistry.DEFAULT_MODEL + ").")
    String name;

    /** @return the model given, else the default model */
    String orDefault() {
      return name == null ? ModelRegistry.DEFAULT_MODEL : name;
    }
  }

  /** Options every job shares: where Spark runs and the corpus it reads. */
  static final class SessionOptions {
    @Option(names = "--master", description = "Spark master, e.g. 'local[*]'; leave out under spark-submit.")
    String master;

    @Option(names = "--text-col", defaultValue = "text", description = "Column of the texts (default: ${DEFAULT-VALUE}).")
    String textCol;

    @Option(names = "--threads", defaultValue = "0",
        description = "ONNX Runtime threads per encoder call; 0 takes " + EncoderTransformer.THREADS_CONF
            + ", else spark.task.cpus (default: ${DEFAULT-VALUE}).")
    int threads;

    /** @return the session; an existing one (a caller's, a test's) is reused and left running */
    JobSession session(String job) {
      boolean existing = SparkSession.getDefaultSession().isDefined();
      SparkSession.Builder builder = SparkSession.builder().appName("labeltune " + job);
      if (master != null) {
        builder.master(master);
      }
      SparkSession spark = builder.getOrCreate();
      if (!existing) {
        spark.sparkContext().setLogLevel("WARN");
      }
      return new JobSession(spark, !existing);
    }
  }

  /** A session that is stopped at the end of the job only when the job started it. */
  record JobSession(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  /** The input corpus and where results go. */
  static final class CorpusOptions {
    @Option(names = "--input", required = true, description = "Parquet (.parquet) or JSON lines (.jsonl, .json): a file or a directory of parts.")
    String input;

    @Option(names = "--output", required = true,
        description = "Parquet (.parquet) or JSON lines (.jsonl, .json) directory of part files, as Spark writes.")
    String output;

    @Option(names = "--overwrite", description = "Replace the output if it exists.")
    boolean overwrite;

    @Option(names = "--batch-size", defaultValue = "512", description = "Rows of a partition encoded together (default: ${DEFAULT-VALUE}).")
    int batchSize;
  }

  @Command(name = "classify", mixinStandardHelpOptions = true, description = {
      "Classify a corpus with a task head, or zero-shot with --labels.",
      "The output keeps the input's columns and adds prediction, probabilities (map of label to "
          + "probability), labels (multi-label heads) and error (why a row has no prediction)."})
  static final class Classify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin SessionOptions session;
    @Mixin CorpusOptions corpus;

    @Option(names = "--head", description = "Task head file made by 'labeltune tune' or 'distill'.")
    Path head;

    @Option(names = "--labels", split = ",", description = "Zero-shot labels, comma-separated (instead of --head).")
    List<String> labels;

    @Option(names = {"-t", "--template"}, description = "Zero-shot hypothesis template with one {}.")
    String template;

    @Mixin ModelOption model;

    @Override
    public Integer call() throws IOException {
      if ((head == null) == (labels == null)) {
        throw new IllegalArgumentException("Give either --head or --labels");
      }
      LabelTuneClassifier classifier = new LabelTuneClassifier().setInputCol(session.textCol)
          .setThreads(session.threads).setBatchSize(corpus.batchSize);
      if (head != null) {
        classifier.setHead(TaskHead.load(head));
      } else {
        classifier.setLabels(labels.stream().map(String::trim).toArray(String[]::new));
        if (template != null) {
          classifier.setTemplate(template);
        }
      }
      if (model.name != null) {
        classifier.setModel(model.name);
      }
      return runJob(spec, session, corpus, "classify", classifier);
    }
  }

  @Command(name = "embed", mixinStandardHelpOptions = true, description = {
      "Add each text's sentence embedding to a corpus.",
      "The output keeps the input's columns and adds embedding (array of floats) and error."})
  static final class Embed implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin SessionOptions session;
    @Mixin CorpusOptions corpus;

    @Mixin ModelOption model;

    @Override
    public Integer call() throws IOException {
      return runJob(spec, session, corpus, "embed", new TextEmbedder().setInputCol(session.textCol).setModel(model.orDefault())
          .setThreads(session.threads).setBatchSize(corpus.batchSize));
    }
  }

  @Command(name = "distill", mixinStandardHelpOptions = true, description = {
      "Train a task head by distillation from an unlabeled corpus on Spark.",
      "A label-tuned teacher learns from --train on the driver; a Spark job embeds a seeded sample of "
          + "--pool-size texts of --unlabeled and labels them with the teacher's probabilities; the head "
          + "is label-tuned on the driver from both."})
  static final class Distill implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin SessionOptions session;

    @Option(names = "--train", required = true, description = "Labeled examples on the driver: JSONL, CSV or TSV.")
    Path train;

    @Option(names = "--train-text-field", defaultValue = "text",
        description = "JSON field or CSV column of the examples' text (default: ${DEFAULT-VALUE}).")
    String trainTextField;

    @Option(names = "--label-field", defaultValue = "label",
        description = "JSON field or CSV column of the examples' label (default: ${DEFAULT-VALUE}).")
    String labelField;

    @Option(names = "--unlabeled", required = true, description = "Unlabeled corpus: Parquet or JSON lines, column --text-col.")
    String unlabeled;

    @Option(names = {"-t", "--template"}, description = "Hypothesis template with one {}.")
    String template;

    @Option(names = "--pool-size", defaultValue = "5000", description = "Unlabeled texts sampled to distill on (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sample and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin ModelOption model;

    @Option(names = {"-o", "--out"}, required = true, description = "The head file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
      List<LabeledText> examples = new DataReader(trainTextField, labelField, null)
          .readLabeled(train, DataFormat.fromFileName(train));
      TaskSpec wording = new TaskSpec(Optional.ofNullable(template).map(HypothesisTemplate::new),
          java.util.Map.of(), java.util.Map.of());
      try (JobSession job = session.session("distill")) {
        Dataset<Row> corpus = read(job.spark(), unlabeled);
        TaskHead head = new SparkDistillation(model.orDefault(), LabelTunerOptions.defaults().withSeed(seed), poolSize,
            session.threads).distill(examples, wording, corpus, session.textCol);
        head.save(out);
        spec.commandLine().getErr().printf(Locale.ROOT, "labeltune spark: distilled a %d-label head from %d examples; wrote %s%n",
            head.labels().size(), examples.size(), out);
        return 0;
      }
    }
  }

  private static int runJob(CommandLine.Model.CommandSpec spec, SessionOptions session, CorpusOptions corpus, String job, EncoderTransformer<?> transformer) {
    try (JobSession js = session.session(job)) {
      SparkSession spark = js.spark();
      Dataset<Row> input = read(spark, corpus.input);
      int parallelism = spark.sparkContext().defaultParallelism();
      if (input.rdd().getNumPartitions() < parallelism) {
        // A small file is one partition; spread it so every core encodes.
        input = input.repartition(parallelism);
      }
      Dataset<Row> output = transformer.transform(input);
      String format = format(corpus.output);
      long t0 = System.nanoTime();
      // JSON drops null fields by default; every row keeps its error field, null or not.
      output.write().mode(corpus.overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(format)
          .option("ignoreNullFields", "false").save(corpus.output);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Dataset<Row> written = spark.read().format(format).load(corpus.output);
      long rows = written.count();
      long errors = written.where(written.col(transformer.getErrorCol()).isNotNull()).count();
      spec.commandLine().getErr().printf(Locale.ROOT, "labeltune spark: %s wrote %,d rows (%,d with an error) to %s in %.1fs, %.0f rows/s%n",
          job, rows, errors, corpus.output, seconds, rows / seconds);
      return 0;
    }
  }

  static Dataset<Row> read(SparkSession spark, String path) {
    return spark.read().format(format(path)).load(path);
  }

  /** @return Spark's data source name for a path, by its extension */
  static String format(String path) {
    String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (name.endsWith(".parquet")) {
      return "parquet";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
      return "json";
    }
    throw new IllegalArgumentException("Cannot tell the format of '" + path
        + "': name it .parquet or .jsonl (JSON lines)");
  }
}
