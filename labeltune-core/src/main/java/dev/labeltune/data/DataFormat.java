package dev.labeltune.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Text data file formats.
 *
 * @since 0.1
 */
public enum DataFormat {
  /** One JSON object per line with {@code text} and {@code label} or {@code labels}. */
  JSONL,
  /** Comma-separated values with a header row. */
  CSV,
  /** Tab-separated values with a header row. */
  TSV,
  /** One unlabeled text per line. */
  TEXT;

  /**
   * Guesses the format from a file extension: {@code .csv}, {@code .tsv}, {@code .txt}, and JSONL
   * for anything else.
   *
   * @param file the file
   * @return its format
   */
  public static DataFormat fromFileName(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return TSV;
    }
    if (name.endsWith(".txt")) {
      return TEXT;
    }
    return JSONL;
  }
}
