package dev.labeltune.eval;

import dev.labeltune.active.ActiveSelector;
import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.active.Suggestion;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Vectors;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import dev.labeltune.tuning.LabelTuningResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Simulates active few-shot learning on a labeled dataset whose labels are hidden: starting from
 * the zero-shot head and no labels, each round a {@link SelectionStrategy} picks a batch of the
 * still unlabeled pool, the batch gets its gold labels, the head is label-tuned on every label so
 * far, and the new head is scored on the test split. Labels not yet seen keep their zero-shot
 * prior in the tuning (the head always knows every label), so round one may hold a single label.
 *
 * <pre>{@code
 * var setup = new ActiveLearningSimulation.Setup(zeroShotHead, poolEmbeddings, poolGold, testEmbeddings, testGold);
 * Curve curve = ActiveLearningSimulation.run(setup, SelectionStrategy.MARGIN, 8, 8, 0, LabelTunerOptions.defaults());
 * }</pre>
 *
 * @since 0.1
 */
public final class ActiveLearningSimulation {
  private ActiveLearningSimulation() {}

  /**
   * What a simulation runs on: embeddings by one encoder and gold label indices into the head's labels.
   *
   * @param zeroShot the task's zero-shot head (single-label), the starting point of every run
   * @param pool the unlabeled pool's embeddings
   * @param poolGold the pool's hidden gold labels, revealed when a text is picked
   * @param test the test split's embeddings
   * @param testGold the test split's gold labels
   */
  public record Setup(TaskHead zeroShot, float[][] pool, int[] poolGold, float[][] test, int[] testGold) {
    /** Checks shapes. */
    public Setup {
      Objects.requireNonNull(zeroShot, "zeroShot");
      if (zeroShot.multiLabel()) {
        throw new IllegalArgumentException("The simulation covers single-label tasks");
      }
      if (pool.length != poolGold.length || test.length != testGold.length) {
        throw new IllegalArgumentException("Expected one gold label per embedding; found " + pool.length + " pool texts, "
            + poolGold.length + " pool labels, " + test.length + " test texts and " + testGold.length + " test labels");
      }
      if (test.length == 0) {
        throw new IllegalArgumentException("The test split is empty");
      }
      int k = zeroShot.labels().size();
      for (int[] gold : List.of(poolGold, testGold)) {
        for (int g : gold) {
          if (g < 0 || g >= k) {
            throw new IllegalArgumentException("Gold label index " + g + " is not one of the head's " + k + " labels");
          }
        }
      }
    }
  }

  /**
   * One run's learning curve.
   *
   * @param strategy the strategy
   * @param seed the seed of its selections and tunings
   * @param labeled texts labeled after each point: 0 (zero-shot), then one batch more per round
   * @param macroF1 the test split's macro-F1 at each point
   * @param selectSeconds wall time of each round's selection
   * @param tuneSeconds wall time of each round's label tuning
   */
  public record Curve(SelectionStrategy strategy, long seed, int[] labeled, double[] macroF1, double[] selectSeconds,
      double[] tuneSeconds) {
    /**
     * @return the area under the curve over the labeled count, by trapezoids, divided by the last
     *     count: the curve's mean macro-F1 from zero labels to the last point
     */
    public double area() {
      double sum = 0;
      for (int i = 1; i < labeled.length; i++) {
        sum += (labeled[i] - labeled[i - 1]) * (macroF1[i] + macroF1[i - 1]) / 2;
      }
      return sum / labeled[labeled.length - 1];
    }

    /**
     * @param count a number of labeled texts
     * @return the macro-F1 with that many labeled, or NaN if the curve has no such point
     */
    public double at(int count) {
      for (int i = 0; i < labeled.length; i++) {
        if (labeled[i] == count) {
          return macroF1[i];
        }
      }
      return Double.NaN;
    }
  }

  /**
   * Runs one strategy for one seed.
   *
   * @param setup the task
   * @param strategy how each round's batch is chosen
   * @param batch texts labeled per round
   * @param rounds number of rounds
   * @param seed seeds the selections (the round number is mixed in) and the tunings
   * @param options the label tuner; its seed is replaced by {@code seed}
   * @return the curve, with {@code rounds + 1} points unless the pool ran out first
   * @throws IllegalArgumentException if {@code batch} or {@code rounds} is not positive
   */
  public static Curve run(Setup setup, SelectionStrategy strategy, int batch, int rounds, long seed,
      LabelTunerOptions options) {
    if (batch < 1 || rounds < 1) {
      throw new IllegalArgumentException("batch and rounds must be positive, found " + batch + " and " + rounds);
    }
    TaskHead zeroShot = setup.zeroShot();
    LabelTuner tuner = new LabelTuner(options.withSeed(seed));
    boolean[] taken = new boolean[setup.pool().length];
    List<Integer> chosen = new ArrayList<>();
    List<Integer> labeled = new ArrayList<>(List.of(0));
    List<Double> f1 = new ArrayList<>(List.of(macroF1(zeroShot, setup)));
    List<Double> selectSeconds = new ArrayList<>();
    List<Double> tuneSeconds = new ArrayList<>();
    TaskHead head = zeroShot;
    for (int round = 0; round < rounds && chosen.size() < taken.length; round++) {
      long t0 = System.nanoTime();
      int[] open = openIndices(taken);
      float[][] rows = new float[open.length][];
      for (int i = 0; i < open.length; i++) {
        rows[i] = setup.pool()[open[i]];
      }
      for (Suggestion s : ActiveSelector.select(strategy, rows, head, batch, seed * 1_000_003L + round)) {
        int index = open[s.index()];
        taken[index] = true;
        chosen.add(index);
      }
      long t1 = System.nanoTime();
      head = tuned(tuner, zeroShot, setup, chosen);
      long t2 = System.nanoTime();
      selectSeconds.add((t1 - t0) / 1e9);
      tuneSeconds.add((t2 - t1) / 1e9);
      labeled.add(chosen.size());
      f1.add(macroF1(head, setup));
    }
    return new Curve(strategy, seed, labeled.stream().mapToInt(Integer::intValue).toArray(),
        f1.stream().mapToDouble(Double::doubleValue).toArray(),
        selectSeconds.stream().mapToDouble(Double::doubleValue).toArray(),
        tuneSeconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static int[] openIndices(boolean[] taken) {
    int[] open = new int[taken.length];
    int n = 0;
    for (int i = 0; i < taken.length; i++) {
      if (!taken[i]) {
        open[n++] = i;
      }
    }
    return Arrays.copyOf(open, n);
  }

  /** The zero-shot head label-tuned on the chosen texts, over all of its labels. */
  private static TaskHead tuned(LabelTuner tuner, TaskHead zeroShot, Setup setup, List<Integer> chosen) {
    float[][] x = new float[chosen.size()][];
    int[] y = new int[chosen.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = setup.pool()[chosen.get(i)];
      y[i] = setup.poolGold()[chosen.get(i)];
    }
    LabelTuningResult result = tuner.tune(x, y, zeroShot.labelEmbeddings());
    return TaskHead.of(zeroShot.labels(), zeroShot.labelTexts(), result.labelEmbeddings(), result.temperature(),
        Double.NaN, zeroShot.provenance()).withBias(result.bias());
  }

  private static double macroF1(TaskHead head, Setup setup) {
    int[] predicted = new int[setup.test().length];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = Vectors.argmax(head.scores(setup.test()[i]));
    }
    return ClassificationMetrics.compute(head.labels(), setup.testGold(), predicted).macroF1();
  }
}
