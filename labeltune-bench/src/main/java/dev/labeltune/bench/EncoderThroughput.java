package dev.labeltune.bench;

import dev.labeltune.encoder.BatchPlan;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.torch.network.BertConfig;
import dev.labeltune.torch.network.BertWeights;
import dev.labeltune.torch.onnx.OnnxModel;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoder throughput on real texts for every token budget x thread count, embedding cache off:
 * texts/s, real and padded tokens/s, and the forward pass's GFLOP/s against this machine's
 * matrix-multiply peak ({@link MatMulPeak}, measured in the same run), as a Markdown table.
 *
 * @param model a built-in model's name or a model directory
 * @param texts the texts, encoded in one call per measurement
 * @param source where they come from, for the heading
 * @param budgets token budgets per forward pass; 1 runs one text at a time
 * @param threads thread counts
 * @param maxLength maximum tokens per text
 * @param repeats timed repetitions per cell; the best is reported
 */
public record EncoderThroughput(String model, List<String> texts, String source, List<Integer> budgets,
    List<Integer> threads, int maxLength, int repeats) {

  /**
   * @param out where the table goes
   * @param steps where progress goes
   */
  public void run(PrintWriter out, Steps.Start steps) {
    BertConfig shape = shape(model);
    out.printf("%s, %d texts from %s, max %d tokens, best of %d%n", model, texts.size(), source, maxLength, repeats);
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
    try (Steps progress = steps.start("bench encoder", (long) budgets.size() * threads.size())) {
      long cells = 0;
      for (int b : budgets) {
        for (int t : threads) {
          progress.message(b + " tokens, " + t + " thread" + (t == 1 ? "" : "s"));
          progress.stepTo(cells++);
          try (OnnxEncoder encoder = ModelRegistry.load(model, new RuntimeOptions(b, t, 0, maxLength))) {
            BatchPlan plan = encoder.batchPlan(texts);
            long real = 0;
            long padded = 0;
            double flops = 0;
            for (BatchPlan.Batch batch : plan.batches()) {
              real += batch.tokens();
              padded += batch.paddedTokens();
              flops += shape == null ? 0 : shape.forwardFlops(batch.rows(), batch.seqLen());
            }
            encoder.embedBatch(texts.subList(0, Math.min(64, texts.size())));
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
              long t0 = System.nanoTime();
              encoder.embedBatch(texts);
              best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double gflops = flops / best / 1e9;
            out.printf("| %d | %d | %.0f | %.0f | %.0f | %s | %s |%n", b, t, texts.size() / best, real / best,
                padded / best, shape == null ? "-" : String.format("%.1f", gflops),
                shape == null ? "-" : String.format("%.0f%%", 100 * gflops / peaks.get(t)));
            out.flush();
          }
        }
      }
      progress.stepTo(cells);
    }
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
