package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.List;

/**
 * {@code POST /v1/classify}: the same texts through several tasks, each text encoded once.
 *
 * @param texts the texts, at least one
 * @param tasks the task ids, at least one
 * @param topK labels listed per prediction, 0 (the default) for all
 * @param threshold a multi-label threshold replacing the tasks' own
 */
public record ClassifyTasksRequest(@JsonProperty(required = true) List<String> texts,
    @JsonProperty(required = true) List<String> tasks, Integer topK, Double threshold) {
  /** Most tasks in one request. */
  public static final int MAX_TASKS = 1000;

  /** Checks. */
  public ClassifyTasksRequest {
    texts = Check.strings(texts, "texts", 1);
    tasks = Check.strings(tasks, "tasks", 1);
    if (tasks.size() > MAX_TASKS) {
      throw ServiceException.of(Kind.TOO_LARGE, "'tasks' has " + tasks.size() + " entries; the limit is " + MAX_TASKS);
    }
    topK = Check.range(topK, "top_k", 0, 0, 100_000);
    Check.threshold(threshold);
  }

  /** @return the threshold, NaN for the tasks' own */
  public double thresholdOrNaN() {
    return threshold == null ? Double.NaN : threshold;
  }
}
