package dev.labeltune.server.domain;

import java.time.Instant;
import java.util.List;

/**
 * A classification task as stored.
 *
 * @param id the task's identifier ({@code t_} and 16 hex digits)
 * @param tenantId its tenant
 * @param name its display name
 * @param template its hypothesis template, or null for the default
 * @param multiLabel whether each label is decided on its own
 * @param labels its labels, in order
 * @param created when it was created
 * @param updated when it last changed
 * @param activeVersion the head version that serves it, or null
 * @param examples how many examples it holds (0 for a task not yet stored)
 * @param lastTuned when a tuning job of it last succeeded, or null
 */
public record Task(String id, long tenantId, String name, String template, boolean multiLabel, List<Label> labels,
    Instant created, Instant updated, Integer activeVersion, long examples, Instant lastTuned) {
  /** Copies the labels. */
  public Task {
    labels = List.copyOf(labels);
  }

  /**
   * @return a task about to be stored: no head version, examples or tuning yet
   */
  public static Task created(String id, long tenantId, String name, String template, boolean multiLabel,
      List<Label> labels, Instant now) {
    return new Task(id, tenantId, name, template, multiLabel, labels, now, now, null, 0, null);
  }

  /** @return the label names, in order */
  public List<String> labelNames() {
    return labels.stream().map(Label::name).toList();
  }
}
