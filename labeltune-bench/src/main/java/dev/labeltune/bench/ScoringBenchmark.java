package dev.labeltune.bench;

import dev.labeltune.classify.Prediction;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.math.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Scoring a batch of 64 text embeddings (384 dimensions) against K label vectors: the dot products
 * alone, one text's dot products, and a head's whole prediction with the top 5 labels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
  static final int TEXTS = 64;
  static final int DIMENSION = 384;

  @Param({"10", "1000", "10000"})
  int labels;

  float[][] rows;
  float[][] embeddings;
  TaskHead head;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(labels);
    rows = unitRows(labels, random);
    embeddings = unitRows(TEXTS, random);
    List<String> names = new ArrayList<>();
    for (int k = 0; k < labels; k++) {
      names.add("label " + k);
    }
    head = TaskHead.of(names, names, rows, 0.05, Double.NaN, new HeadProvenance("bench", "sha256:" + "0".repeat(64),
        DIMENSION, "bench", Optional.empty(), Double.NaN, Double.NaN, 0, HeadProvenance.CURRENT_VERSION, Instant.EPOCH));
  }

  static float[][] unitRows(int n, SplittableRandom random) {
    float[][] out = new float[n][DIMENSION];
    for (float[] row : out) {
      for (int j = 0; j < DIMENSION; j++) {
        row[j] = (float) random.nextGaussian();
      }
      Vectors.normalizeInPlace(row);
    }
    return out;
  }

  /** The batch's K x 64 dot products. */
  @Benchmark
  public float[][] dotRowsBatch() {
    return Vectors.dotRows(rows, embeddings);
  }

  /** One text's K dot products. */
  @Benchmark
  public float[] dotRowsOne() {
    return Vectors.dotRows(rows, embeddings[0]);
  }

  /** A head's predictions for the batch: dot products, softmax, top 5. */
  @Benchmark
  public List<Prediction> predictTop5() {
    return head.predictBatch(embeddings, 5);
  }
}
