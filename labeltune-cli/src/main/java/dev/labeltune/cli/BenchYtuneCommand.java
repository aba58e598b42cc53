package dev.labeltune.cli;

import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.ytuning.YTunedClassifier;
import dev.labeltune.torch.ytuning.YTunedHead;
import dev.labeltune.torch.ytuning.YTuner;
import dev.labeltune.torch.ytuning.YTuningOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Measures Y-Tuning's training cost and how its prediction cost grows with the number of labels. */
@Command(name = "ytune", description = {
    "Y-Tuning costs on one dataset, two Markdown tables:",
    "training: --epochs epochs on --shots examples per label (nothing held out), token features "
        + "computed once; time per epoch, peak resident memory of the process, trained values; prediction: "
        + "texts/s of a Y-tuned head against a label-tuned head (one encoder pass and K dot products) for "
        + "every --labels count, on the same test texts, embedding cache off. Run one dataset per process: "
        + "the peak memory is the process's."})
final class BenchYtuneCommand implements Callable<Integer> {
  private static final int MAX_LENGTH = 128;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin YTuneFlags flags;
  @Mixin TrainingFlags training;

  @Mixin BenchSampleOptions sampling;

  @Option(names = "--labels", split = ",", defaultValue = "2,10,100", description = "Label counts of the prediction table (default: ${DEFAULT-VALUE}).")
  List<Integer> labelCounts;

  @Option(names = "--count", defaultValue = "512", description = "Test texts per throughput measurement (default: ${DEFAULT-VALUE}).")
  int count;

  @Override
  public Integer call() throws IOException {
    BenchSampleOptions.Sample sample = sampling.load(count);
    EvalDataset dataset = sample.dataset();
    List<String> texts = sample.test();
    YTuningOptions options = flags.options(spec, training, sampling.seed).toBuilder().validationFraction(0).build();
    PrintWriter out = spec.commandLine().getOut();
    try (OnnxEncoder encoder = ModelRegistry.load(sampling.model.name(),
        RuntimeOptions.defaults().withCacheSize(0).withMaxLength(MAX_LENGTH))) {
      List<String> sampleTexts = sample.texts();
      long t0 = System.nanoTime();
      encoder.tokenFeatures(sampleTexts);
      double featureSeconds = (System.nanoTime() - t0) / 1e9;
      YTunedHead head = new YTuner(options).fit(encoder, dataset.labels(), sample.labelTexts(), sampleTexts,
          sample.y());
      double perEpoch = (head.trainingSeconds() - featureSeconds) / head.epochs();
      out.printf("Y-Tuning training, %s, %s examples, %d epochs%n%n", dataset.name(), sample.size(),
          head.epochs());
      out.println("| dataset | labels x shots | feature extraction s (once) | s/epoch | peak RSS MiB | trained values |");
      out.println("|---|---|---:|---:|---:|---:|");
      out.printf("| %s | %s | %.2f | %.3f | %d | %.2fM |%n%n", dataset.name(), sample.size(),
          featureSeconds, perEpoch, FineTuneFlags.peakResidentMiB(), head.parameterCount() / 1e6);
      out.printf("Prediction throughput, texts/s on %d %s test texts%n%n", texts.size(), dataset.name());
      out.println("| labels | label-tuned head | Y-tuned head | ratio |");
      out.println("|---:|---:|---:|---:|");
      out.flush();
      for (int k : labelCounts) {
        double lt = labelTunedThroughput(encoder, texts, k);
        double yt = yTunedThroughput(encoder, texts, k, options);
        out.printf("| %d | %.0f | %.0f | %.1fx |%n", k, lt, yt, lt / yt);
        out.flush();
      }
    }
    return 0;
  }

  /** What a label-tuned head costs: one encoder pass and K dot products per text. */
  private static double labelTunedThroughput(OnnxEncoder encoder, List<String> texts, int k) {
    float[][] labels = new float[k][];
    Random random = new Random(k);
    for (int c = 0; c < k; c++) {
      labels[c] = new float[encoder.info().dimension()];
      for (int j = 0; j < labels[c].length; j++) {
        labels[c][j] = (float) random.nextGaussian();
      }
    }
    long t0 = System.nanoTime();
    float[][] scores = Vectors.dotRows(labels, encoder.embedBatch(texts));
    double seconds = (System.nanoTime() - t0) / 1e9;
    return scores.length / seconds;
  }

  /** A Y-tuned head of K labels, trained one epoch on one text per label, timed on the texts. */
  private static double yTunedThroughput(OnnxEncoder encoder, List<String> texts, int k, YTuningOptions options) {
    List<String> labels = new ArrayList<>();
    List<String> examples = new ArrayList<>();
    int[] y = new int[k];
    for (int c = 0; c < k; c++) {
      labels.add("label " + c);
      examples.add(texts.get(c % texts.size()));
      y[c] = c;
    }
    YTunedHead head = new YTuner(options.toBuilder().epochs(1).build()).fit(encoder, labels, labels, examples, y);
    try (YTunedClassifier classifier = head.bind(encoder)) {
      long t0 = System.nanoTime();
      classifier.scores(texts);
      return texts.size() / ((System.nanoTime() - t0) / 1e9);
    }
  }
}
