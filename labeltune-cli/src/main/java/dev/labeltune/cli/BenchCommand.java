package dev.labeltune.cli;

import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.BatchPlan;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.network.BertConfig;
import dev.labeltune.torch.network.BertWeights;
import dev.labeltune.torch.onnx.OnnxModel;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** Measures encoder throughput against batch size and thread count. */
@Command(name = "bench", description = "Run benchmarks that print Markdown tables.",
    subcommands = {BenchCommand.Encoder.class, BenchCommand.Tune.class, BenchCommand.Labels.class,
        BenchFinetuneCommand.class, BenchYtuneCommand.class, BenchActiveCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "encoder", description = {
      "Encoder throughput on real texts for every token budget x thread count, embedding cache off: texts/s,",
      "real and padded tokens/s, and the forward pass's GFLOP/s against this machine's matrix-multiply peak",
      "(single MatMul graphs through ONNX Runtime on the same threads, measured in the same run)."})
  static final class Encoder implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Texts to encode: JSONL, CSV, TSV or plain-text lines.")
    Path texts;

    @Mixin ModelChoice model;

    @Option(names = "--count", defaultValue = "1024", description = "Texts encoded per measurement (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--batch-tokens", split = ",", defaultValue = "1,256,1024,2048,4096,8192",
        description = "Token budgets per forward pass; 1 runs one text at a time (default: ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--max-length", defaultValue = "128", description = "Maximum tokens per text (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed repetitions per cell; the best is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
      List<String> sample = firstTexts(texts, count);
      PrintWriter out = spec.commandLine().getOut();
      BertConfig shape = shape(model.name());
      out.printf("%s, %d texts from %s, max %d tokens, best of %d%n", model.name(), sample.size(), texts.getFileName(),
          maxLength, repeats);
      Map<Integer, Double> peaks = new LinkedHashMap<>();
      for (int t : threads) {
        peaks.put(t, MatMulPeak.gflops(t));
        out.printf("fp32 MatMul peak through ONNX Runtime, %d thread%s: %.1f GFLOP/s%n", t, t == 1 ? "" : "s", peaks.get(t));
      }
      if (shape == null) {
        out.println("(GFLOP/s not shown: the graph's layer sizes could not be read)");
      }
      out.println();
      out.println("| batch tokens | threads | texts/s | tokens/s | padded tokens/s | GFLOP/s | of peak |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|");
      out.flush();
      try (Progress progress = Progress.start("bench encoder", (long) budgets.size() * threads.size())) {
        long cells = 0;
        for (int b : budgets) {
          for (int t : threads) {
            progress.message(b + " tokens, " + t + " thread" + (t == 1 ? "" : "s"));
            progress.stepTo(cells++);
            try (OnnxEncoder encoder = ModelRegistry.load(model.name(), new RuntimeOptions(b, t, 0, maxLength))) {
              BatchPlan plan = encoder.batchPlan(sample);
              long real = 0;
              long padded = 0;
              double flops = 0;
              for (BatchPlan.Batch batch : plan.batches()) {
                real += batch.tokens();
                padded += batch.paddedTokens();
                flops += shape == null ? 0 : shape.forwardFlops(batch.rows(), batch.seqLen());
              }
              encoder.embedBatch(sample.subList(0, Math.min(64, sample.size())));
              double best = Double.MAX_VALUE;
              for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                encoder.embedBatch(sample);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
              }
              double gflops = flops / best / 1e9;
              out.printf("| %d | %d | %.0f | %.0f | %.0f | %s | %s |%n", b, t, sample.size() / best, real / best,
                  padded / best, shape == null ? "-" : String.format("%.1f", gflops),
                  shape == null ? "-" : String.format("%.0f%%", 100 * gflops / peaks.get(t)));
              out.flush();
            }
          }
        }
        progress.stepTo(cells);
      }
      return 0;
    }

    /** @return the encoder's layer sizes, or null for a graph whose weights are not plain float matrices */
    private static BertConfig shape(String model) {
      try {
        return BertWeights.locate(OnnxModel.parse(ModelRegistry.files(model).onnx())).config();
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  @Command(name = "tune", description = {
    "Wall time of label tuning (cross-validation over the grid plus the refit) for each labels x shots",
    "pair and procedure, on random unit-norm embeddings: the work is set by the procedure, not the "
        + "data. Prints a Markdown table; each cell is the best of --repeats runs."})
  static final class Tune implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--tasks", split = ",", defaultValue = "4x8,77x8", description = "LABELSxSHOTS pairs (default: ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--procedures", split = ",", defaultValue = "default,paper", description = "default and/or paper (default: ${DEFAULT-VALUE}).")
    List<String> procedures;

    @Option(names = "--dimension", defaultValue = "384", description = "Embedding size (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--repeats", defaultValue = "2", description = "Timed runs per cell (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      out.printf("label tuning, d = %d, %d threads, seconds (best of %d)%n%n", dimension, workers, repeats);
      out.println("| labels x shots | " + String.join(" | ", procedures) + " |");
      out.println("|---|" + "---:|".repeat(procedures.size()));
      out.flush();
      for (String task : tasks) {
        String[] parts = task.split("x");
        if (parts.length != 2) {
          throw new CommandLine.ParameterException(spec.commandLine(), "Invalid task '" + task + "': expected LABELSxSHOTS");
        }
        int k = Integer.parseInt(parts[0]);
        int shots = Integer.parseInt(parts[1]);
        Random random = new Random(k * 31L + shots);
        float[][] x = unitRows(k * shots, dimension, random);
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
          y[i] = i % k;
        }
        float[][] y0 = unitRows(k, dimension, random);
        StringBuilder row = new StringBuilder("| " + k + " x " + shots + " |");
        for (String procedure : procedures) {
          LabelTunerOptions options = (procedure.equals("paper")
              ? LabelTunerOptions.paper() : LabelTunerOptions.defaults())
              .withThreads(workers);
          double best = Double.MAX_VALUE;
          for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            new LabelTuner(options).tune(x, y, y0);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
          }
          row.append(String.format(" %.2f |", best));
        }
        out.println(row);
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "labels", description = {
    "Prediction throughput (texts per second, encoder included, embedding cache off) of a task head",
    "with each number of labels; label vectors are random unit vectors, as scoring cost does not "
        + "depend on their values. Prints a Markdown table."})
  static final class Labels implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Texts to classify: JSONL, CSV, TSV or plain-text lines.")
    Path texts;

    @Mixin ModelChoice model;

    @Option(names = "--count", defaultValue = "512", description = "Texts classified per measurement (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--labels", split = ",", defaultValue = "2,10,100,1000,10000", description = "Label counts (default: ${DEFAULT-VALUE}).")
    List<Integer> labelCounts;

    @Override
    public Integer call() throws IOException {
      List<String> sample = firstTexts(texts, count);
      PrintWriter out = spec.commandLine().getOut();
      try (OnnxEncoder encoder = ModelRegistry.load(model.name(), RuntimeOptions.defaults().withCacheSize(0).withMaxLength(128))) {
        out.printf("%s, %d texts from %s, max 128 tokens, encoder + scoring + top-5 probabilities%n%n", model.name(),
            sample.size(), texts.getFileName());
        out.println("| labels | texts/s | scoring share of time |");
        out.println("|---:|---:|---:|");
        encoder.embedBatch(sample.subList(0, Math.min(64, sample.size())));
        EncoderInfo info = encoder.info();
        for (int k : labelCounts) {
          Random random = new Random(k);
          List<String> names = new ArrayList<>();
          List<String> labelTexts = new ArrayList<>();
          for (int c = 0; c < k; c++) {
            names.add("label-" + c);
            labelTexts.add("label " + c);
          }
          TaskHead head = TaskHead.of(names, labelTexts,
              unitRows(k, info.dimension(), random), 0.05, Double.NaN,
              new HeadProvenance(info.name(), info.fingerprint(), info.dimension(), "bench",
                  Optional.empty(), Double.NaN, Double.NaN, 0, HeadProvenance.CURRENT_VERSION,
                  Instant.EPOCH));
          long t0 = System.nanoTime();
          float[][] embeddings = encoder.embedBatch(sample);
          long t1 = System.nanoTime();
          head.predictBatch(embeddings, 5);
          long t2 = System.nanoTime();
          out.printf("| %d | %.0f | %.1f%% |%n", k, sample.size() / ((t2 - t0) / 1e9), 100.0 * (t2 - t1) / (t2 - t0));
          out.flush();
        }
      }
      return 0;
    }
  }

  /** The first {@code count} texts of a data file. */
  private static List<String> firstTexts(Path file, int count) throws IOException {
    List<String> all = DataReader.defaults().read(file).stream().map(LabeledText::text).toList();
    return all.subList(0, Math.min(count, all.size()));
  }

  private static float[][] unitRows(int rows, int dim, Random random) {
    float[][] m = new float[rows][dim];
    for (float[] row : m) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) random.nextGaussian();
      }
      Vectors.normalizeInPlace(row);
    }
    return m;
  }
}
