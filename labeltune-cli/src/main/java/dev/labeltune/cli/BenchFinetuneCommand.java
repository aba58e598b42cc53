package dev.labeltune.cli;

import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.torch.finetune.FineTuneOptions;
import dev.labeltune.torch.finetune.FineTuneResult;
import dev.labeltune.torch.finetune.FineTuner;
import dev.labeltune.torch.network.TrainableEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Measures fine-tuning cost and the exported model's prediction speed on one dataset. */
@Command(name = "finetune", description = {
    "Fine-tune on --shots examples per label of a dataset's train split and print one Markdown row:",
    "training time per epoch, peak resident memory of the process, trainable parameters, and the "
        + "prediction throughput (sentences/s, batch 32, cache off) of the exported model on ONNX Runtime "
        + "beside the pre-trained model's and the DJL network's. Run one dataset per process: the peak "
        + "memory is the process's."})
final class BenchFinetuneCommand implements Callable<Integer> {
  private static final int MAX_LENGTH = 128;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin FineTuneFlags flags;
  @Mixin TrainingFlags training;

  @Mixin BenchSampleOptions sampling;

  @Option(names = "--count", defaultValue = "1024", description = "Test texts encoded per throughput measurement (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--header", description = "Print the table header first.")
  boolean header;

  @Override
  public Integer call() throws IOException {
    BenchSampleOptions.Sample sample = sampling.load(count);
    EvalDataset dataset = sample.dataset();
    List<String> texts = sample.test();
    RuntimeOptions runtime = RuntimeOptions.defaults().withCacheSize(0).withMaxLength(MAX_LENGTH);
    ModelFiles base = ModelRegistry.files(sampling.model.name());
    List<String> labelTexts;
    double baseSpeed;
    try (OnnxEncoder encoder = base.open(runtime)) {
      labelTexts = sample.labelTexts();
      baseSpeed = throughput(encoder, texts);
    }
    FineTuneOptions options = flags.options(spec, training, MAX_LENGTH, sampling.seed);
    FineTuneResult result;
    ModelFiles tuned;
    long parameters;
    double djlSpeed;
    try (Progress progress = Progress.start("fine-tuning", 1)) {
      FineTuner tuner = FineTuneFlags.tuner(options, progress);
      try (TrainableEncoder encoder = tuner.load(base)) {
        parameters = encoder.parameterCount();
        result = tuner.fit(encoder, labelTexts, sample.texts(), sample.y());
        long t0 = System.nanoTime();
        encoder.embed(texts, 32);
        djlSpeed = texts.size() / ((System.nanoTime() - t0) / 1e9);
        tuned = encoder.toModelFiles(sampling.model.name() + "-ft");
      }
    }
    long peak = FineTuneFlags.peakResidentMiB();
    double tunedSpeed;
    try (OnnxEncoder encoder = tuned.open(runtime)) {
      tunedSpeed = throughput(encoder, texts);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (header) {
      out.println("| dataset | labels x shots | epochs | steps | fit s | s/epoch | peak RSS MiB | trainable params "
          + "| exported ONNX sent/s | pre-trained ONNX sent/s | DJL network sent/s |");
      out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }
    out.printf("| %s | %s | %d | %d | %.1f | %.1f | %d | %.1fM | %.0f | %.0f | %.0f |%n", dataset.name(),
        sample.size(), result.epochLosses().size(), result.steps(), result.seconds(),
        result.secondsPerEpoch(), peak, parameters / 1e6, tunedSpeed, baseSpeed, djlSpeed);
    out.flush();
    return 0;
  }

  /** Best of two timed passes after a warm-up, in sentences per second. */
  private static double throughput(OnnxEncoder encoder, List<String> texts) {
    encoder.embedBatch(texts.subList(0, Math.min(64, texts.size())));
    double best = Double.MAX_VALUE;
    for (int r = 0; r < 2; r++) {
      long t0 = System.nanoTime();
      encoder.embedBatch(texts);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return texts.size() / best;
  }
}
