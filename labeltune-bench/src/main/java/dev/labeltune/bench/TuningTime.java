package dev.labeltune.bench;

import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Random;

/**
 * Wall time of label tuning (cross-validation over the grid plus the refit) for each labels x shots
 * pair and procedure, on random unit-norm embeddings: the work is set by the procedure, not the data.
 *
 * @param tasks the labels x shots pairs
 * @param procedures {@code default} and/or {@code paper}
 * @param dimension embedding size
 * @param threads worker threads
 * @param repeats timed runs per cell; the best is reported
 */
public record TuningTime(List<Task> tasks, List<String> procedures, int dimension, int threads, int repeats) {
  /**
   * @param labels labels
   * @param shots examples per label
   */
  public record Task(int labels, int shots) {}

  /** @param out where the Markdown table goes */
  public void run(PrintWriter out) {
    out.printf("label tuning, d = %d, %d threads, seconds (best of %d)%n%n", dimension, threads, repeats);
    out.println("| labels x shots | " + String.join(" | ", procedures) + " |");
    out.println("|---|" + "---:|".repeat(procedures.size()));
    out.flush();
    for (Task task : tasks) {
      int k = task.labels();
      int shots = task.shots();
      Random random = new Random(k * 31L + shots);
      float[][] x = BenchData.unitRows(k * shots, dimension, random);
      int[] y = new int[x.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = i % k;
      }
      float[][] y0 = BenchData.unitRows(k, dimension, random);
      StringBuilder row = new StringBuilder("| " + k + " x " + shots + " |");
      for (String procedure : procedures) {
        LabelTunerOptions options = (procedure.equals("paper") ? LabelTunerOptions.paper() : LabelTunerOptions.defaults())
            .withThreads(threads);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
          long t0 = System.nanoTime();
          new LabelTuner(options).tune(x, y, y0);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        row.append(String.format(" %.2f |", best));
      }
      out.println(row);
      out.flush();
    }
  }
}
