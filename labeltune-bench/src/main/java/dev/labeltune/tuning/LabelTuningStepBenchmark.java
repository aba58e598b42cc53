package dev.labeltune.tuning;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One label-tuning step (logits, loss and the closed-form gradient, with a dimension mask) on 8
 * shots per label, 384 dimensions. In the tuning package because the objective is package-private:
 * it is an implementation detail of {@link LabelTuner}, measured here in isolation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LabelTuningStepBenchmark {
  static final int SHOTS = 8;
  static final int DIMENSION = 384;

  @Param({"4", "77"})
  int labels;

  LabelTuningObjective objective;
  float[][] y;
  float[] keep;
  float[][] grad;
  float[][] scores;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(labels);
    int n = labels * SHOTS;
    float[][] x = gaussian(n, random);
    float[] targets = new float[n * labels];
    for (int i = 0; i < n; i++) {
      targets[i * labels + i % labels] = 1f;
    }
    float[][] y0 = gaussian(labels, random);
    objective = new LabelTuningObjective(x, targets, y0, false);
    y = gaussian(labels, random);
    keep = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      keep[j] = random.nextDouble() < 0.9 ? 1f : 0f;
    }
    grad = new float[labels][DIMENSION];
    scores = new float[labels][n];
  }

  private static float[][] gaussian(int rows, SplittableRandom random) {
    float[][] out = new float[rows][DIMENSION];
    for (float[] row : out) {
      for (int j = 0; j < DIMENSION; j++) {
        row[j] = (float) (random.nextGaussian() / Math.sqrt(DIMENSION));
      }
    }
    return out;
  }

  @Benchmark
  public double lossAndGradient() {
    return objective.lossAndGradient(y, keep, 1.0, 0.1, grad, scores);
  }
}
