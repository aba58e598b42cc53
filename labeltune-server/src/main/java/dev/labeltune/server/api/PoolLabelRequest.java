package dev.labeltune.server.api;

import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
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
    if ((label == null) == (labels == null)) {
      throw ServiceException.of(Kind.BAD_REQUEST, "Give either 'label' or 'labels'");
    }
    if (labels != null) {
      labels = Check.strings(labels, "labels", 1);
    }
  }

  /** @return its labels, one or several */
  public List<String> allLabels() {
    return labels != null ? labels : List.of(label);
  }
}
