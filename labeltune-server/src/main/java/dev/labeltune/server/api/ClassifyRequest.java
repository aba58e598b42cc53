package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /v1/tasks/{id}/classify}.
 *
 * @param texts the texts, at least one
 * @param topK labels listed per prediction, 0 (the default) for all
 * @param threshold a multi-label threshold replacing the task's own
 */
public record ClassifyRequest(@JsonProperty(required = true) List<String> texts, Integer topK, Double threshold) {
  /** Checks. */
  public ClassifyRequest {
    texts = Check.strings(texts, "texts", 1);
    topK = Check.range(topK, "top_k", 0, 0, 100_000);
    Check.threshold(threshold);
  }

  /** @return the threshold, NaN for the task's own */
  public double thresholdOrNaN() {
    return threshold == null ? Double.NaN : threshold;
  }
}
