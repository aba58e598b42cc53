package dev.labeltune.bench;

import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Prediction throughput (texts per second, encoder included, embedding cache off) of a task head with
 * each number of labels; label vectors are random unit vectors, as scoring cost does not depend on
 * their values.
 *
 * @param model a built-in model's name or a model directory
 * @param texts the texts classified per measurement
 * @param source where they come from, for the heading
 * @param labelCounts the label counts
 */
public record LabelCountThroughput(String model, List<String> texts, String source, List<Integer> labelCounts) {

  /** @param out where the Markdown table goes */
  public void run(PrintWriter out) {
    try (OnnxEncoder encoder = ModelRegistry.load(model, RuntimeOptions.defaults().withCacheSize(0).withMaxLength(128))) {
      out.printf("%s, %d texts from %s, max 128 tokens, encoder + scoring + top-5 probabilities%n%n", model,
          texts.size(), source);
      out.println("| labels | texts/s | scoring share of time |");
      out.println("|---:|---:|---:|");
      encoder.embedBatch(texts.subList(0, Math.min(64, texts.size())));
      EncoderInfo info = encoder.info();
      for (int k : labelCounts) {
        Random random = new Random(k);
        List<String> names = new ArrayList<>();
        List<String> labelTexts = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          names.add("label-" + c);
          labelTexts.add("label " + c);
        }
        TaskHead head = TaskHead.of(names, labelTexts, BenchData.unitRows(k, info.dimension(), random), 0.05,
            Double.NaN, new HeadProvenance(info.name(), info.fingerprint(), info.dimension(), "bench",
                Optional.empty(), Double.NaN, Double.NaN, 0, HeadProvenance.CURRENT_VERSION, Instant.EPOCH));
        long t0 = System.nanoTime();
        float[][] embeddings = encoder.embedBatch(texts);
        long t1 = System.nanoTime();
        head.predictBatch(embeddings, 5);
        long t2 = System.nanoTime();
        out.printf("| %d | %.0f | %.1f%% |%n", k, texts.size() / ((t2 - t0) / 1e9), 100.0 * (t2 - t1) / (t2 - t0));
        out.flush();
      }
    }
  }
}
