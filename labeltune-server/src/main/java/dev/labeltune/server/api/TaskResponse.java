package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Task;
import java.time.Instant;
import java.util.List;

/**
 * A task.
 *
 * @param id its id
 * @param name its display name
 * @param labels its labels, in order
 * @param template its hypothesis template, absent for the default
 * @param multiLabel whether each label is decided on its own
 * @param activeVersion the head version that serves it
 * @param created when it was made
 * @param updated when it last changed
 * @param examples how many examples it holds
 * @param lastTuned when a tuning job last succeeded, absent if never
 * @param job on creation only: the job making the zero-shot head of a task whose label texts were too
 *     long to embed before answering (see {@code GET /v1/jobs/{id}}); absent when the head is ready
 */
public record TaskResponse(@JsonProperty(required = true) String id, @JsonProperty(required = true) String name,
    @JsonProperty(required = true) List<LabelResponse> labels, String template, boolean multiLabel,
    Integer activeVersion, @JsonProperty(required = true) Instant created, @JsonProperty(required = true) Instant updated,
    long examples, Instant lastTuned, String job) {

  /** @return the task as sent */
  public static TaskResponse of(Task t) {
    return of(t, null);
  }

  /** @return the task as sent, with the job that makes its zero-shot head, if one does */
  public static TaskResponse of(Task t, String job) {
    return new TaskResponse(t.id(), t.name(), t.labels().stream().map(LabelResponse::of).toList(), t.template(),
        t.multiLabel(), t.activeVersion(), t.created(), t.updated(), t.examples(), t.lastTuned(), job);
  }
}
