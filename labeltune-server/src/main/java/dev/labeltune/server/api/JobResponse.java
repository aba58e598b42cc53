package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobKind;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.domain.TuningReport;
import java.time.Instant;

/**
 * A job: a tuning job, or the making of a large task's zero-shot head.
 *
 * @param id its id
 * @param taskId the task it tunes
 * @param state where it is
 * @param progress from 0 to 1
 * @param message what went wrong, if it failed
 * @param version the head version it made, once succeeded
 * @param cvMacroF1 cross-validated macro-F1 of the tuned head, once known
 * @param zeroShotMacroF1 the same for zero-shot on the same folds
 * @param created when it was queued
 * @param finished when it ended
 * @param report per-label scores and confusion matrices of both, once a tuning job succeeded
 * @param kind what it makes: {@code tune}, or {@code zero-shot}
 */
public record JobResponse(@JsonProperty(required = true) String id, @JsonProperty(required = true) String taskId,
    @JsonProperty(required = true) JobState state, double progress, String message, Integer version, Double cvMacroF1,
    Double zeroShotMacroF1, @JsonProperty(required = true) Instant created, Instant finished, TuningReport report,
    @JsonProperty(required = true) JobKind kind) {

  /** @return the job as sent */
  public static JobResponse of(Job j) {
    return new JobResponse(j.id(), j.taskId(), j.state(), j.progress(), j.message(), j.version(),
        Numbers.orNull(j.cvMacroF1()), Numbers.orNull(j.zeroShotMacroF1()), j.created(), j.finished(), j.report(), j.kind());
  }
}
