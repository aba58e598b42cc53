package dev.labeltune.server.api;

import java.util.List;

/**
 * {@code POST /v1/tasks/{id}/pool/{poolId}/label}: the label of a pool text, which moves it to the
 * task's examples.
 *
 * @param label its one label
 * @param labels its labels, for a multi-label task
 */
public record PoolLabelRequest(String label, List<String> labels) {
  /** Checks. */
  public PoolLabelRequest {
    Check.oneOrMany(label, labels);
  }

  /** @return its labels, one or several */
  public List<String> allLabels() {
    return Check.oneOrMany(label, labels);
  }
}
