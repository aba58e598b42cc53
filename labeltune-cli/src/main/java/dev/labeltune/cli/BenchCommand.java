package dev.labeltune.cli;

import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Measures encoder throughput against batch size and thread count. */
@Command(name = "bench", description = "Benchmarks. 'bench encoder': sentences per second against batch size and threads.",
    subcommands = {BenchCommand.Encoder.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "encoder", description = {
      "Encoder throughput in sentences per second on real texts, for every batch size x thread count,",
      "with the embedding cache off. Prints a Markdown table."})
  static final class Encoder implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Texts to encode: JSONL, CSV, TSV or plain-text lines.")
    Path texts;

    @Option(names = {"-m", "--model"}, defaultValue = ModelRegistry.DEFAULT_MODEL, description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--count", defaultValue = "1024", description = "Texts encoded per measurement (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32,128", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--max-length", defaultValue = "128", description = "Maximum tokens per text (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed repetitions per cell; the best is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException {
      List<String> all = DataReader.defaults().read(texts).stream().map(LabeledText::text).toList();
      List<String> sample = all.subList(0, Math.min(count, all.size()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s, %d texts from %s, max %d tokens, sentences/s (best of %d)%n%n", model, sample.size(),
          texts.getFileName(), maxLength, repeats);
      StringBuilder header = new StringBuilder("| batch |");
      StringBuilder rule = new StringBuilder("|---:|");
      for (int t : threads) {
        header.append(" ").append(t).append(t == 1 ? " thread |" : " threads |");
        rule.append("---:|");
      }
      out.println(header);
      out.println(rule);
      out.flush();
      for (int b : batchSizes) {
        StringBuilder row = new StringBuilder("| ").append(b).append(" |");
        for (int t : threads) {
          RuntimeOptions options = new RuntimeOptions(b, t, 0, maxLength);
          try (OnnxEncoder encoder = ModelRegistry.load(model, options)) {
            encoder.embedBatch(sample.subList(0, Math.min(64, sample.size())));
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
              long t0 = System.nanoTime();
              encoder.embedBatch(sample);
              best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            row.append(String.format(" %.0f |", sample.size() / best));
          }
        }
        out.println(row);
        out.flush();
      }
      return 0;
    }
  }
}
