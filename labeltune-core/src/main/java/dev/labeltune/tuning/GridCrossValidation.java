package dev.labeltune.tuning;

import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cross-validation of a label-tuning grid, and the refit of a configuration on every example.
 * Runs of one configuration that differ only in their step count share one optimization, read at each
 * step count; (configuration, fold) runs execute in parallel, each seeded from the options' seed, its
 * configuration group and its fold, so results do not depend on scheduling. A grid of plain gradient
 * descent large enough to gain runs each fold's configurations in lockstep ({@link StackedDescent});
 * any other runs one {@link LabelTuningObjective} per (group, fold).
 */
final class GridCrossValidation {
  private final LabelTunerOptions options;

  GridCrossValidation(LabelTunerOptions options) {
    this.options = options;
  }

  /**
   * Configurations equal but for their step count, which share one run read at each step count.
   *
   * @param members their grid indices, fewest steps first
   * @param checkpoints their distinct step counts, ascending
   * @param longest the member with the most steps: the run's configuration
   */
  private record RunGroup(List<Integer> members, int[] checkpoints, LabelTuningConfig longest) {}

  /** @return out-of-fold raw scores (N x K) of every grid configuration */
  float[][] crossValidate(float[][] x, float[] z, float[][] y0, int[][] folds,
      List<LabelTuningConfig> grid, boolean multiLabel, RunCounter counter) {
    int n = x.length;
    int k = y0.length;
    float[][] outOfFold = new float[grid.size()][n * k];
    Map<LabelTuningConfig, List<Integer>> byConfig = new LinkedHashMap<>();
    for (int g = 0; g < grid.size(); g++) {
      byConfig.computeIfAbsent(grid.get(g).withSteps(0), c -> new ArrayList<>()).add(g);
    }
    List<RunGroup> groups = new ArrayList<>();
    for (List<Integer> members : byConfig.values()) {
      members.sort((a, b) -> Integer.compare(grid.get(a).steps(), grid.get(b).steps()));
      groups.add(new RunGroup(List.copyOf(members),
          members.stream().mapToInt(m -> grid.get(m).steps()).distinct().toArray(),
          grid.get(members.get(members.size() - 1))));
    }
    if (!multiLabel && StackedDescent.applies(grid, groups.size() * k, n, y0[0].length)) {
      TuningThreads.runAll(options.threads(), stackedFolds(x, z, y0, folds, grid, groups, outOfFold, counter));
      return outOfFold;
    }
    List<Callable<Void>> runs = new ArrayList<>();
    for (int groupIndex = 0; groupIndex < groups.size(); groupIndex++) {
      RunGroup group = groups.get(groupIndex);
      for (int f = 0; f < folds.length; f++) {
        if (folds[f].length == 0) {
          continue;
        }
        int fold = f;
        long seed = runSeed(groupIndex, f);
        runs.add(() -> {
          counter.starting();
          int[] train = CrossValidationFolds.complement(folds, fold, n);
          LabelTuningObjective objective = new LabelTuningObjective(Rows.pick(x, train), Rows.pick(z, train, k), y0, multiLabel);
          objective.fit(group.longest(), seed, group.checkpoints(), scoreWriter(group, grid, x, folds[fold], outOfFold));
          counter.done(1);
          return null;
        });
      }
    }
    TuningThreads.runAll(options.threads(), runs);
    return outOfFold;
  }

  /**
   * The cross-validation of a plain gradient-descent grid as one job per fold, every configuration
   * group of the fold in lockstep ({@link StackedDescent}); the same runs, seeds and checkpoints as
   * one job per (group, fold), with the matrix products done by ONNX Runtime.
   */
  private List<Callable<Void>> stackedFolds(float[][] x, float[] z, float[][] y0, int[][] folds,
      List<LabelTuningConfig> grid, List<RunGroup> groups, float[][] outOfFold, RunCounter counter) {
    int n = x.length;
    int k = y0.length;
    long nonEmpty = Arrays.stream(folds).filter(f -> f.length > 0).count();
    int parallel = (int) Math.max(1, Math.min(options.threads(), nonEmpty));
    int threadsPerFold = Math.max(1, options.threads() / parallel);
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int f = 0; f < folds.length; f++) {
      if (folds[f].length == 0) {
        continue;
      }
      int fold = f;
      jobs.add(() -> {
        counter.starting();
        int[] train = CrossValidationFolds.complement(folds, fold, n);
        List<StackedDescent.Run> runs = new ArrayList<>();
        for (int groupIndex = 0; groupIndex < groups.size(); groupIndex++) {
          RunGroup group = groups.get(groupIndex);
          runs.add(new StackedDescent.Run(group.longest(), runSeed(groupIndex, fold), group.checkpoints(),
              scoreWriter(group, grid, x, folds[fold], outOfFold)));
        }
        try (FoldProducts products = new FoldProducts(Rows.pick(x, train), Rows.pick(z, train, k), runs.size(), k,
            threadsPerFold)) {
          StackedDescent.fit(products, train.length, y0, runs);
        }
        counter.done(runs.size());
        return null;
      });
    }
    return jobs;
  }

  /** At each of a group's step counts, writes the held-out scores of the members with that count. */
  private static LabelTuningObjective.Checkpoint scoreWriter(RunGroup group, List<LabelTuningConfig> grid,
      float[][] x, int[] held, float[][] outOfFold) {
    return (steps, y) -> {
      for (int m : group.members()) {
        if (grid.get(m).steps() == steps) {
          Rows.writeScores(x, held, y, outOfFold[m]);
        }
      }
    };
  }

  /** Number of (configuration group, non-empty fold) runs of the cross-validation. */
  static int runCount(List<LabelTuningConfig> grid, int[][] folds) {
    long groups = grid.stream().map(c -> c.withSteps(0)).distinct().count();
    long nonEmpty = Arrays.stream(folds).filter(f -> f.length > 0).count();
    return (int) (groups * nonEmpty);
  }

  /** @return the configuration trained on every example, stacked (a stack of one) where that pays */
  float[][] refit(float[][] x, float[] z, float[][] y0, LabelTuningConfig config, boolean multiLabel) {
    long seed = runSeed(-1, -1);
    int k = y0.length;
    if (multiLabel || !StackedDescent.applies(List.of(config), k, x.length, y0[0].length)) {
      return new LabelTuningObjective(x, z, y0, multiLabel).fit(config, seed, new int[0], (s, v) -> { });
    }
    float[][][] result = new float[1][][];
    StackedDescent.Run run = new StackedDescent.Run(config, seed, new int[] {config.steps()},
        (steps, y) -> result[0] = Vectors.copy(y));
    try (FoldProducts products = new FoldProducts(x, z, 1, k, options.threads())) {
      StackedDescent.fit(products, x.length, y0, List.of(run));
    }
    return result[0];
  }

  private long runSeed(int group, int fold) {
    long h = options.seed() * 0x9E3779B97F4A7C15L + (group + 1) * 0xBF58476D1CE4E5B9L + (fold + 1) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  /** Counts the runs as they end, for the caller's progress, and stops the tuning before a run when asked. */
  static final class RunCounter {
    private final LabelTuner.Progress progress;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    RunCounter(LabelTuner.Progress progress, int total) {
      this.progress = progress;
      this.total = total;
    }

    /** @throws CancellationException if the caller asked the tuning to stop */
    void starting() {
      if (progress.stopRequested()) {
        throw new CancellationException("Label tuning was stopped");
      }
    }

    void done(int runs) {
      for (int r = 0; r < runs; r++) {
        progress.runsDone(done.incrementAndGet(), total);
      }
    }

    /** Reports the last run, the refit, done. */
    void finished() {
      progress.runsDone(total, total);
    }
  }
}
