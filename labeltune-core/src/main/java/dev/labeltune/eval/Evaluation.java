package dev.labeltune.eval;

import dev.labeltune.data.LabeledText;
import dev.labeltune.metrics.CalibrationMetrics;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.metrics.MultiLabelMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation protocol: for each seed, draw n examples per label from the train split, fit the
 * method, predict the whole test split and score it; then average over seeds.
 *
 * <p>Test labels that never occur in the train split cannot be predicted; they still count as
 * errors and as classes of the macro average, as in scikit-learn.
 *
 * @since 0.1
 */
public final class Evaluation {
  /** Texts handed to the classifier at a time, so progress can be reported. */
  private static final int CHUNK = 512;

  /** Receives progress; all methods default to doing nothing. */
  public interface Listener {
    /**
     * @param seed the seed about to run
     * @param index its 0-based position
     * @param count number of seeds
     */
    default void seedStarted(long seed, int index, int count) {}

    /**
     * The seed's classifier is fitted; predicting the test split comes next.
     *
     * @param seed the seed
     * @param seconds how long fitting took
     */
    default void fitted(long seed, double seconds) {}

    /**
     * @param done test texts predicted so far in this seed
     * @param total test texts
     */
    default void predicted(int done, int total) {}

    /** @param result the finished seed */
    default void seedFinished(SeedResult result) {}
  }

  private Evaluation() {}

  /**
   * Runs the protocol with seeds {@code 0 .. seeds-1}.
   *
   * @param method the method
   * @param model the encoder's name, for the report
   * @param data the dataset
   * @param shots examples per label
   * @param seeds number of seeds
   * @param poolSize at most this many train texts outside each seed's sample are handed to the
   *     method as unlabeled data (0 for none)
   * @param listener progress receiver
   * @return the report
   */
  public static EvaluationReport run(ClassificationMethod method, String model, EvalDataset data, int shots,
      int seeds, int poolSize, Listener listener) {
    Objects.requireNonNull(listener, "listener");
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1, found " + seeds);
    }
    List<String> labels = data.labels();
    boolean multiLabel = data.multiLabel();
    // Metrics index the task's labels first, then test labels the train split never shows.
    List<String> metricLabels = new ArrayList<>(labels);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < labels.size(); c++) {
      index.put(labels.get(c), c);
    }
    for (LabeledText t : data.test()) {
      for (String l : t.labels()) {
        if (index.putIfAbsent(l, metricLabels.size()) == null) {
          metricLabels.add(l);
        }
      }
    }
    List<String> texts = data.test().stream().map(LabeledText::text).toList();

    List<SeedResult> results = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      long seed = s;
      listener.seedStarted(seed, s, seeds);
      List<LabeledText> sample = FewShotSampler.sample(data.train(), shots, seed);
      FewShotTask task = new FewShotTask(labels, sample, data.spec(), multiLabel,
          FewShotSampler.unlabeledPool(data.train(), sample, poolSize, seed));
      long t0 = System.nanoTime();
      long t1;
      int[][] predicted = new int[texts.size()][];
      float[] confidence = new float[texts.size()];
      boolean calibrated = true;
      int skipped;
      try (FittedClassifier classifier = method.fit(task, seed)) {
        skipped = classifier.skippedSteps();
        t1 = System.nanoTime();
        listener.fitted(seed, (t1 - t0) / 1e9);
        for (int start = 0; start < texts.size(); start += CHUNK) {
          int end = Math.min(texts.size(), start + CHUNK);
          BatchPrediction part = classifier.predict(texts.subList(start, end));
          System.arraycopy(part.labels(), 0, predicted, start, part.labels().length);
          if (part.confidence() == null) {
            calibrated = false;
          } else {
            System.arraycopy(part.confidence(), 0, confidence, start, part.confidence().length);
          }
          listener.predicted(end, texts.size());
        }
      }
      long t2 = System.nanoTime();
      SeedResult result = score(seed, data.test(), predicted, metricLabels, index, multiLabel,
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, calibrated && !multiLabel ? confidence : null, skipped);
      results.add(result);
      listener.seedFinished(result);
    }
    return new EvaluationReport(method.name(), model, data.name(), shots, texts.size(), results);
  }

  private static SeedResult score(long seed, List<LabeledText> test, int[][] predicted, List<String> metricLabels,
      Map<String, Integer> index, boolean multiLabel, double fitSeconds, double predictSeconds, float[] confidence,
      int skipped) {
    if (multiLabel) {
      boolean[][] gold = new boolean[test.size()][metricLabels.size()];
      boolean[][] pred = new boolean[test.size()][metricLabels.size()];
      for (int i = 0; i < test.size(); i++) {
        for (String l : test.get(i).labels()) {
          gold[i][index.get(l)] = true;
        }
        for (int k : predicted[i]) {
          pred[i][k] = true;
        }
      }
      MultiLabelMetrics m = MultiLabelMetrics.compute(metricLabels, gold, pred);
      return new SeedResult(seed, 100 * m.subsetAccuracy(), 100 * m.macroF1(), 100 * m.microF1(), Double.NaN,
          fitSeconds, predictSeconds, skipped);
    }
    int[] gold = new int[test.size()];
    int[] pred = new int[test.size()];
    for (int i = 0; i < test.size(); i++) {
      gold[i] = index.get(test.get(i).label());
      pred[i] = predicted[i][0];
    }
    ClassificationMetrics m = ClassificationMetrics.compute(metricLabels, gold, pred);
    double ece = confidence == null ? Double.NaN : 100 * CalibrationMetrics.expectedCalibrationError(confidence, gold, pred);
    return new SeedResult(seed, 100 * m.accuracy(), 100 * m.macroF1(), Double.NaN, ece, fitSeconds, predictSeconds,
        skipped);
  }
}
