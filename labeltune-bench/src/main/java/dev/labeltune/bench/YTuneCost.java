package dev.labeltune.bench;

import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.ytuning.YTunedClassifier;
import dev.labeltune.torch.ytuning.YTunedHead;
import dev.labeltune.torch.ytuning.YTuner;
import dev.labeltune.torch.ytuning.YTuningOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Y-Tuning costs on a few-shot sample, two Markdown tables: training (token features computed once;
 * time per epoch, peak resident memory of the process, trained values) and prediction (texts/s of a
 * Y-tuned head against a label-tuned head, one encoder pass and K dot products, for every label count,
 * on the same test texts, embedding cache off). One dataset per process: the peak memory is the
 * process's.
 *
 * @param model the encoder's name or directory
 * @param sample the examples and the test texts
 * @param labelCounts label counts of the prediction table
 */
public record YTuneCost(String model, FewShotSample sample, List<Integer> labelCounts) {
  /** Maximum tokens per text. */
  public static final int MAX_LENGTH = 128;

  /**
   * @param options Y-Tuning's options; nothing is held out
   * @param out where the tables go
   */
  public void run(YTuningOptions options, PrintWriter out) {
    EvalDataset dataset = sample.dataset();
    List<String> texts = sample.test();
    try (OnnxEncoder encoder = ModelRegistry.load(model,
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
          featureSeconds, perEpoch, ProcessMemory.peakResidentMiB(), head.parameterCount() / 1e6);
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
