package dev.labeltune.spark;

import java.io.Serializable;
import java.util.List;

/** What a transformer computes for a batch of texts; it runs on the executors. */
interface BatchFunction extends Serializable {

  /**
   * @param texts texts with visible content
   * @return for each text, the values of the transformer's output columns (the error column aside)
   * @throws RuntimeException if a text cannot be processed; the caller then retries the texts one
   *     by one so that only the bad one fails
   */
  Object[][] apply(List<String> texts);
}
