package dev.labeltune.spark;

import java.io.Serializable;
import java.util.List;

/** What a transformer computes for a batch of texts; it runs on the executors. */
interface BatchFunction extends Serializable {

  /**
   * @param texts texts with visible content
   * @return for each text, the values of the transformer's output columns (the error column aside)
   * @throws RuntimeException if a text cannot be processed; the caller then retries the texts one
   *     by one, and a text that fails alone with {@code IllegalArgumentException} or {@code
   *     InferenceException} gets an error instead of an output
   */
  Object[][] apply(List<String> texts);
}
