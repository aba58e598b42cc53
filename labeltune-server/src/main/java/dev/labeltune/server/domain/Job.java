package dev.labeltune.server.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A tuning job. New jobs come from {@link #queued}; each step of its life is a method that returns
 * the job as it is after that step.
 *
 * @param id the job's identifier ({@code j_} and 16 hex digits)
 * @param taskId the task it tunes
 * @param state where it is
 * @param progress from 0 to 1
 * @param message what went wrong, or null
 * @param version the head version it made, or null
 * @param cvMacroF1 cross-validated macro-F1 of the tuned head, NaN until known
 * @param zeroShotMacroF1 the same for zero-shot, NaN until known
 * @param created when it was queued
 * @param finished when it ended, or null
 * @param report the cross-validation report, or null
 * @param kind what the job makes
 */
public record Job(String id, String taskId, JobState state, double progress, String message, Integer version,
    double cvMacroF1, double zeroShotMacroF1, Instant created, Instant finished, TuningReport report, JobKind kind) {
  /** Validates. */
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(kind, "kind");
  }

  /** @return a tuning job waiting to run */
  public static Job queued(String id, String taskId, Instant now) {
    return queued(id, taskId, JobKind.TUNE, now);
  }

  /** @return a job of that kind waiting to run */
  public static Job queued(String id, String taskId, JobKind kind, Instant now) {
    return new Job(id, taskId, JobState.QUEUED, 0, null, null, Double.NaN, Double.NaN, now, null, null, kind);
  }

  /** @return this job running, that far along */
  public Job running(double progress) {
    return new Job(id, taskId, JobState.RUNNING, progress, null, null, Double.NaN, Double.NaN, created, null, null, kind);
  }

  /** @return this job done, having made that version */
  public Job succeeded(int version, double cv, double zeroShot, TuningReport report, Instant now) {
    return new Job(id, taskId, JobState.SUCCEEDED, 1, null, version, cv, zeroShot, created, now, report, kind);
  }

  /** @return this job ended without a head, in {@code state}, for that reason */
  public Job ended(JobState state, String why, Instant now) {
    return new Job(id, taskId, state, progress, why, null, Double.NaN, Double.NaN, created, now, null, kind);
  }
}
