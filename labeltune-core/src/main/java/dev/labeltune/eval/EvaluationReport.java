package dev.labeltune.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The result of the evaluation protocol for one method on one dataset: per-seed results and their
 * mean and (population) standard deviation. Accuracy and F1 are in percent.
 *
 * @param method the method's name
 * @param model the encoder's name
 * @param dataset the dataset's name
 * @param shots examples per label
 * @param testSize number of test texts
 * @param seeds per-seed results
 * @since 0.1
 */
public record EvaluationReport(String method, String model, String dataset, int shots, int testSize,
    List<SeedResult> seeds) {

  /** Copies the list. */
  public EvaluationReport {
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("A report needs at least one seed, found 0");
    }
  }

  /** @return mean accuracy */
  public double accuracy() {
    return mean(SeedResult::accuracy);
  }

  /** @return standard deviation of accuracy over seeds */
  public double accuracyStd() {
    return std(SeedResult::accuracy);
  }

  /** @return mean macro-F1 */
  public double macroF1() {
    return mean(SeedResult::macroF1);
  }

  /** @return standard deviation of macro-F1 over seeds */
  public double macroF1Std() {
    return std(SeedResult::macroF1);
  }

  /** @return mean fit time in seconds */
  public double fitSeconds() {
    return mean(SeedResult::fitSeconds);
  }

  /**
   * @return test texts per second of the first seed's prediction; embeddings already in the
   *     encoder's cache are not recomputed, so callers that want one definition for every method
   *     embed the test split before running any (as {@code eval} does)
   */
  public double predictPerSecond() {
    return testSize / seeds.get(0).predictSeconds();
  }

  /** @return the report as the flat key-value object {@code eval --json} prints */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method);
    m.put("model", model);
    m.put("dataset", dataset);
    m.put("shots", shots);
    m.put("seeds", seeds.size());
    m.put("accuracy", round(accuracy()));
    m.put("accuracy_std", round(accuracyStd()));
    m.put("macro_f1", round(macroF1()));
    m.put("macro_f1_std", round(macroF1Std()));
    if (!Double.isNaN(seeds.get(0).microF1())) {
      m.put("micro_f1", round(mean(SeedResult::microF1)));
    }
    if (!Double.isNaN(seeds.get(0).ece())) {
      m.put("ece", round(mean(SeedResult::ece)));
    }
    m.put("fit_seconds", round(fitSeconds()));
    m.put("predict_per_second", round(predictPerSecond()));
    m.put("test_size", testSize);
    m.put("per_seed", seeds.stream().map(s -> Map.of("seed", s.seed(), "accuracy", round(s.accuracy()),
        "macro_f1", round(s.macroF1()), "skipped_steps", s.skippedSteps())).toList());
    return m;
  }

  private double mean(ToDoubleFunction<SeedResult> f) {
    return seeds.stream().mapToDouble(f).average().orElseThrow();
  }

  private double std(ToDoubleFunction<SeedResult> f) {
    double mean = mean(f);
    double ss = seeds.stream().mapToDouble(f).map(x -> (x - mean) * (x - mean)).sum();
    return Math.sqrt(ss / seeds.size());
  }

  private static double round(double x) {
    return Math.round(x * 100.0) / 100.0;
  }
}
