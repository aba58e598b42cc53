package dev.labeltune.server.store;

import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Task;
import java.util.List;
import java.util.Optional;

/**
 * Tasks with their labels. Reads are scoped to a tenant: another tenant's task is reported exactly
 * as a missing one. Tasks come back with their example count and last successful tuning.
 */
public interface TaskStore {
  /**
   * Stores a task with its first head version, active, in one transaction.
   *
   * @param task the task (its active version, counts and tuning time are ignored)
   * @param head the zero-shot head's file bytes, or null for a task whose head a job will make
   * @param meta the head's description, or null with no head
   */
  void create(Task task, byte[] head, HeadVersion meta);

  /** @return a page of the tenant's tasks, oldest first, read in one query */
  List<Task> page(long tenantId, int offset, int limit);

  /** @return the number of tasks of every tenant */
  long count();

  /** @return the tenant's task, if it exists */
  Optional<Task> get(long tenantId, String taskId);

  /** @return the task with its name and template replaced, if it exists */
  Optional<Task> update(long tenantId, String taskId, String name, String template);

  /** @return whether the task existed and is now deleted with its examples, versions and jobs */
  boolean delete(long tenantId, String taskId);
}
