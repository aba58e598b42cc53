package dev.labeltune.cli;

import dev.labeltune.bench.BenchData;
import dev.labeltune.bench.EncoderThroughput;
import dev.labeltune.bench.LabelCountThroughput;
import dev.labeltune.bench.TuningTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labeltune bench}: the benchmarks that print Markdown tables; the measuring is {@code labeltune-bench}'s. */
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
    public Integer call() throws IOException {
      new EncoderThroughput(model.name(), BenchData.firstTexts(texts, count), texts.getFileName().toString(), budgets,
          threads, maxLength, repeats).run(spec.commandLine().getOut(), Progress::start);
      return 0;
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
      List<TuningTime.Task> pairs = new ArrayList<>();
      for (String task : tasks) {
        String[] parts = task.split("x");
        if (parts.length != 2 || !parts[0].matches("[0-9]+") || !parts[1].matches("[0-9]+")) {
          throw new CommandLine.ParameterException(spec.commandLine(), "Invalid task '" + task + "': expected LABELSxSHOTS");
        }
        pairs.add(new TuningTime.Task(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
      }
      int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      new TuningTime(pairs, procedures, dimension, workers, repeats).run(spec.commandLine().getOut());
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
      new LabelCountThroughput(model.name(), BenchData.firstTexts(texts, count), texts.getFileName().toString(),
          labelCounts).run(spec.commandLine().getOut());
      return 0;
    }
  }
}
