package dev.labeltune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.classify.LabelSet;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.eval.ActiveLearningSimulation;
import dev.labeltune.eval.ActiveLearningSimulation.Curve;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Sampling;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The active-learning simulation on labeled datasets, every strategy side by side: from zero labels,
 * each round a strategy picks {@code batch} texts of the train split (the pool), they get their gold
 * labels, the default label tuner retrains over all labels, and the test split's macro-F1 is taken.
 * Prints per dataset the area under the learning curve, the macro-F1 at 16, 32 and 64 labels, the
 * paired difference of the area to random and the seconds per round, then the areas averaged over
 * the datasets.
 *
 * @param model the encoder's name or directory
 * @param strategies strategies to compare
 * @param seeds seeds 0..n-1 per strategy
 * @param batch texts labeled per round
 * @param rounds rounds
 * @param poolSize texts of the train split in the pool, drawn with seed 0; 0 takes all
 * @param testSize texts of the test split scored, drawn with seed 0; 0 takes all
 * @param json whether to print one JSON line per curve too
 */
public record ActiveLearningBench(String model, List<SelectionStrategy> strategies, int seeds, int batch, int rounds,
    int poolSize, int testSize, boolean json) {
  private static final int MAX_LENGTH = 128;
  private static final int[] CHECKPOINTS = {16, 32, 64};
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks the counts. */
  public ActiveLearningBench {
    if (seeds < 1 || batch < 1 || rounds < 1) {
      throw new IllegalArgumentException("seeds, batch and rounds must be positive");
    }
    if (poolSize < 0 || testSize < 0) {
      throw new IllegalArgumentException("pool and test sizes must not be negative");
    }
    strategies = List.copyOf(strategies);
  }

  /**
   * @param datasets dataset directories: train.jsonl is the pool, test.jsonl is scored
   * @param out where the tables (and JSON lines) go
   * @param steps where progress goes
   * @throws IOException if a dataset cannot be read
   * @throws IllegalArgumentException for a multi-label dataset
   */
  public void run(List<Path> datasets, PrintWriter out, Steps.Start steps) throws IOException {
    Map<String, Map<SelectionStrategy, double[]>> areas = new LinkedHashMap<>();
    try (OnnxEncoder encoder = ModelRegistry.load(model,
        RuntimeOptions.defaults().withCacheSize(0).withMaxLength(MAX_LENGTH))) {
      for (Path dir : datasets) {
        EvalDataset dataset = EvalDataset.load(dir);
        if (dataset.multiLabel()) {
          throw new IllegalArgumentException(dataset.name() + " is multi-label; the simulation covers single-label tasks");
        }
        ActiveLearningSimulation.Setup setup = setup(encoder, dataset, steps);
        Map<SelectionStrategy, List<Curve>> curves = new LinkedHashMap<>();
        try (Steps progress = steps.start("simulating " + dataset.name(), (long) strategies.size() * seeds)) {
          for (SelectionStrategy strategy : strategies) {
            List<Curve> runs = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) {
              progress.message(strategy.label() + ", seed " + seed);
              Curve curve = ActiveLearningSimulation.run(setup, strategy, batch, rounds, seed,
                  LabelTunerOptions.defaults());
              runs.add(curve);
              progress.stepTo((long) curves.size() * seeds + seed + 1);
              if (json) {
                out.println(JSON.writeValueAsString(jsonLine(dataset.name(), curve)));
                out.flush();
              }
            }
            curves.put(strategy, runs);
          }
        }
        printDataset(out, dataset.name(), setup, curves);
        Map<SelectionStrategy, double[]> byStrategy = new LinkedHashMap<>();
        curves.forEach((s, runs) -> byStrategy.put(s, runs.stream().mapToDouble(Curve::area).toArray()));
        areas.put(dataset.name(), byStrategy);
      }
    }
    printAverages(out, areas);
  }

  private ActiveLearningSimulation.Setup setup(OnnxEncoder encoder, EvalDataset dataset, Steps.Start steps) {
    List<String> labels = dataset.labels();
    List<LabeledText> pool = sample(dataset.train(), poolSize);
    List<LabeledText> test = sample(dataset.test(), testSize);
    TaskHead head = TaskHead.zeroShot(encoder, LabelSet.of(labels, dataset.spec()), false, Instant.EPOCH);
    return new ActiveLearningSimulation.Setup(head, embed(encoder, "pool", dataset.name(), pool, steps), gold(pool, labels),
        embed(encoder, "test split", dataset.name(), test, steps), gold(test, labels));
  }

  private static List<LabeledText> sample(List<LabeledText> rows, int size) {
    if (size == 0 || size >= rows.size()) {
      return rows;
    }
    return IntStream.of(Sampling.withoutReplacement(rows.size(), size, 0)).sorted().mapToObj(rows::get).toList();
  }

  /** Test labels missing from the train split cannot be predicted; they count as errors, as in eval. */
  private static int[] gold(List<LabeledText> rows, List<String> labels) {
    return rows.stream().mapToInt(r -> labels.indexOf(r.label())).map(i -> i < 0 ? 0 : i).toArray();
  }

  private static float[][] embed(OnnxEncoder encoder, String what, String name, List<LabeledText> rows,
      Steps.Start steps) {
    List<String> texts = rows.stream().map(LabeledText::text).toList();
    float[][] out = new float[texts.size()][];
    int chunk = 512;
    try (Steps progress = steps.start("embedding the " + what + " of " + name, texts.size())) {
      for (int start = 0; start < texts.size(); start += chunk) {
        int end = Math.min(texts.size(), start + chunk);
        System.arraycopy(encoder.embedBatch(texts.subList(start, end)), 0, out, start, end - start);
        progress.stepTo(end);
      }
    }
    return out;
  }

  private static Map<String, Object> jsonLine(String dataset, Curve curve) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("dataset", dataset);
    line.put("strategy", curve.strategy().label());
    line.put("seed", curve.seed());
    line.put("labeled", curve.labeled());
    line.put("macro_f1", curve.macroF1());
    line.put("area", curve.area());
    line.put("select_seconds", curve.selectSeconds());
    line.put("tune_seconds", curve.tuneSeconds());
    return line;
  }

  private void printDataset(PrintWriter out, String name, ActiveLearningSimulation.Setup setup,
      Map<SelectionStrategy, List<Curve>> curves) {
    out.printf("%n%s: pool %d, test %d, %d labels, %d x %d labeled, %d seeds, zero-shot macro-F1 %.1f%n%n", name,
        setup.pool().length, setup.test().length, setup.zeroShot().labels().size(), rounds, batch, seeds,
        100 * curves.values().iterator().next().get(0).macroF1()[0]);
    out.println("| strategy | area | vs random | F1@16 | F1@32 | F1@64 | select s/round | tune s/round |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    double[] random = curves.containsKey(SelectionStrategy.RANDOM)
        ? curves.get(SelectionStrategy.RANDOM).stream().mapToDouble(Curve::area).toArray() : null;
    for (Map.Entry<SelectionStrategy, List<Curve>> e : curves.entrySet()) {
      List<Curve> runs = e.getValue();
      double[] area = runs.stream().mapToDouble(Curve::area).toArray();
      StringBuilder row = new StringBuilder("| " + e.getKey().label() + " | " + spread(area) + " | ");
      if (random == null || e.getKey() == SelectionStrategy.RANDOM) {
        row.append("– |");
      } else {
        double[] diff = new double[area.length];
        Arrays.setAll(diff, i -> area[i] - random[i]);
        row.append(signedSpread(diff)).append(" |");
      }
      for (int count : CHECKPOINTS) {
        double[] at = runs.stream().mapToDouble(c -> c.at(count)).toArray();
        row.append(' ').append(Double.isNaN(at[0]) ? "–" : spread(at)).append(" |");
      }
      row.append(String.format(" %.3f | %.2f |", mean(runs, c -> mean(c.selectSeconds())),
          mean(runs, c -> mean(c.tuneSeconds()))));
      out.println(row);
    }
    out.flush();
  }

  private static void printAverages(PrintWriter out, Map<String, Map<SelectionStrategy, double[]>> areas) {
    if (areas.size() < 2) {
      return;
    }
    List<SelectionStrategy> order = List.copyOf(areas.values().iterator().next().keySet());
    out.printf("%nArea under the learning curve (mean over seeds), per dataset and averaged%n%n");
    out.println("| strategy | " + String.join(" | ", areas.keySet()) + " | mean |");
    out.println("|---|" + "---:|".repeat(areas.size() + 1));
    for (SelectionStrategy s : order) {
      StringBuilder row = new StringBuilder("| " + s.label() + " |");
      double sum = 0;
      for (Map<SelectionStrategy, double[]> set : areas.values()) {
        double m = Arrays.stream(set.get(s)).average().orElseThrow();
        sum += m;
        row.append(String.format(" %.1f |", 100 * m));
      }
      out.println(row.append(String.format(" %.1f |", 100 * sum / areas.size())));
    }
    out.flush();
  }

  /** @return mean ± standard deviation over seeds, in percent */
  private static String spread(double[] values) {
    return String.format("%.1f ± %.1f", 100 * Arrays.stream(values).average().orElseThrow(), 100 * sd(values));
  }

  private static String signedSpread(double[] values) {
    return String.format("%+.1f ± %.1f", 100 * Arrays.stream(values).average().orElseThrow(), 100 * sd(values));
  }

  private static double sd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(values).average().orElseThrow();
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private static double mean(List<Curve> runs, ToDoubleFunction<Curve> f) {
    return runs.stream().mapToDouble(f).average().orElse(0);
  }
}
