package dev.labeltune.server.store;

import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobClaim;
import dev.labeltune.server.domain.JobState;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Tuning jobs as a queue that every process sharing the store takes from. A process takes a job
 * with a lease ({@link #claim}), renews it while it works ({@link #progress}) and ends the job only
 * while it still holds the lease, so a job whose process died (its lease ran out) is taken again by
 * another and never ends twice.
 */
public interface JobStore {
  /** Stores a new job. */
  void create(Job job);

  /** Records a job's state, progress and outcome. */
  void update(Job job);

  /** @return how many jobs wait to be taken */
  int countQueued();

  /**
   * Takes the oldest job that is queued, or running under a lease that ran out before {@code now}.
   *
   * @param owner the process taking it
   * @param leaseUntil when its lease runs out unless renewed
   * @return the job, now running under the lease, if there was one
   */
  Optional<JobClaim> claim(String owner, Instant now, Instant leaseUntil);

  /**
   * Records progress and renews the lease.
   *
   * @return whether {@code owner} still held the lease (false: another process took the job)
   */
  boolean progress(String jobId, String owner, double progress, Instant leaseUntil);

  /**
   * Ends a job without a head, if {@code owner} still holds its lease.
   *
   * @param ended the job as it ends
   * @return whether it was ended
   */
  boolean end(Job ended, String owner);

  /**
   * Stores the job's head as the task's new active version and marks the job succeeded, in one
   * transaction, if {@code owner} still holds the job's lease.
   *
   * @param succeeded makes the succeeded job from the new version's number
   * @return the new version's number, or empty if the lease was lost (nothing is stored)
   */
  OptionalInt publish(String jobId, String owner, String taskId, byte[] head, HeadVersion meta,
      IntFunction<Job> succeeded);

  /** @return the job, if it belongs to one of the tenant's tasks */
  Optional<Job> get(long tenantId, String jobId);

  /**
   * Ends jobs left queued or running by a process that stopped.
   *
   * @param state the state to give them
   * @param message why
   * @return how many jobs were ended
   */
  int endUnfinished(JobState state, String message);
}
