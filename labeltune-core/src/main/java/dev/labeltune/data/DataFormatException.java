package dev.labeltune.data;

import dev.labeltune.LabelTuneException;

/**
 * Thrown when a data file cannot be read; the message names the file and the 1-based line.
 *
 * @since 0.1
 */
public class DataFormatException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /**
   * @param source the file name (or {@code <stdin>})
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param problem what is wrong
   */
  public DataFormatException(String source, long line, String problem) {
    super(line > 0 ? source + " line " + line + ": " + problem : source + ": " + problem);
  }
}
