package dev.labeltune.bench;

import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.math.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Inputs the benchmarks make or read: texts from a data file, random unit vectors. */
public final class BenchData {
  private BenchData() {}

  /**
   * @param file JSONL, CSV, TSV or plain-text lines
   * @param count how many
   * @return the file's first {@code count} texts
   * @throws IOException if the file cannot be read
   */
  public static List<String> firstTexts(Path file, int count) throws IOException {
    List<String> all = DataReader.defaults().read(file).stream().map(LabeledText::text).toList();
    return all.subList(0, Math.min(count, all.size()));
  }

  /** @return {@code rows} random unit vectors of {@code dim} floats */
  static float[][] unitRows(int rows, int dim, Random random) {
    float[][] m = new float[rows][dim];
    for (float[] row : m) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) random.nextGaussian();
      }
      Vectors.normalizeInPlace(row);
    }
    return m;
  }
}
