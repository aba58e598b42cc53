package dev.labeltune.server.store;

import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobState;
import java.util.Optional;

/** Tuning jobs and their progress. */
public interface JobStore {
  /** Stores a new job. */
  void create(Job job);

  /** Records a job's state, progress and outcome. */
  void update(Job job);

  /** @return the job, if it belongs to one of the tenant's tasks */
  Optional<Job> get(long tenantId, String jobId);

  /**
   * Ends one job as interrupted, if it has not ended.
   *
   * @param message why
   */
  void interrupt(String jobId, String message);

  /**
   * Ends jobs left queued or running by a process that stopped.
   *
   * @param state the state to give them
   * @param message why
   * @return how many jobs were ended
   */
  int endUnfinished(JobState state, String message);
}
