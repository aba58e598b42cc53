package dev.labeltune.bench;

import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.torch.finetune.FineTuneResult;
import dev.labeltune.torch.finetune.FineTuner;
import dev.labeltune.torch.network.TrainableEncoder;
import java.io.PrintWriter;
import java.util.List;

/**
 * Fine-tuning cost on a few-shot sample, as one Markdown row: training time per epoch, peak resident
 * memory of the process, trainable parameters, and the prediction throughput (sentences/s, batch 32,
 * cache off) of the exported model on ONNX Runtime beside the pre-trained model's and the DJL
 * network's. One dataset per process: the peak memory is the process's.
 *
 * @param model the pre-trained model's name or directory
 * @param sample the examples and the test texts
 * @param header whether to print the table's header first
 */
public record FineTuneCost(String model, FewShotSample sample, boolean header) {
  /** Maximum tokens per text, in training and in the throughput measurements. */
  public static final int MAX_LENGTH = 128;

  /**
   * @param tuner the fine-tuner, with its options and progress
   * @param out where the row goes
   */
  public void run(FineTuner tuner, PrintWriter out) {
    List<String> texts = sample.test();
    RuntimeOptions runtime = RuntimeOptions.defaults().withCacheSize(0).withMaxLength(MAX_LENGTH);
    ModelFiles base = ModelRegistry.files(model);
    List<String> labelTexts = sample.labelTexts();
    double baseSpeed;
    try (OnnxEncoder encoder = base.open(runtime)) {
      baseSpeed = throughput(encoder, texts);
    }
    FineTuneResult result;
    ModelFiles tuned;
    long parameters;
    double djlSpeed;
    try (TrainableEncoder encoder = tuner.load(base)) {
      parameters = encoder.parameterCount();
      result = tuner.fit(encoder, labelTexts, sample.texts(), sample.y());
      long t0 = System.nanoTime();
      encoder.embed(texts, 32);
      djlSpeed = texts.size() / ((System.nanoTime() - t0) / 1e9);
      tuned = encoder.toModelFiles(model + "-ft");
    }
    long peak = ProcessMemory.peakResidentMiB();
    double tunedSpeed;
    try (OnnxEncoder encoder = tuned.open(runtime)) {
      tunedSpeed = throughput(encoder, texts);
    }
    if (header) {
      out.println("| dataset | labels x shots | epochs | steps | fit s | s/epoch | peak RSS MiB | trainable params "
          + "| exported ONNX sent/s | pre-trained ONNX sent/s | DJL network sent/s |");
      out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }
    out.printf("| %s | %s | %d | %d | %.1f | %.1f | %d | %.1fM | %.0f | %.0f | %.0f |%n", sample.dataset().name(),
        sample.size(), result.epochLosses().size(), result.steps(), result.seconds(),
        result.secondsPerEpoch(), peak, parameters / 1e6, tunedSpeed, baseSpeed, djlSpeed);
    out.flush();
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
