package dev.labeltune.server.service;

import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.HeadStore;
import java.util.List;

/**
 * Head versions of tasks: listing, rolling back or forward, downloading and uploading head files.
 */
public final class HeadService {
  private final TaskService tasks;
  private final HeadStore store;
  private final TaskHeads heads;

  HeadService(TaskService tasks, HeadStore store, TaskHeads heads) {
    this.tasks = tasks;
    this.store = store;
    this.heads = heads;
  }

  /** @return the task with its head versions */
  public TaskVersions versions(long tenantId, String taskId) {
    Task task = tasks.get(tenantId, taskId);
    return new TaskVersions(task, store.versions(taskId));
  }

  /**
   * A task's versions.
   *
   * @param task the task (its active version is one of them)
   * @param versions oldest first
   */
  public record TaskVersions(Task task, List<HeadVersion> versions) {}

  /** Makes an older or newer version the active one (a rollback). @return the task as it is now */
  public Task activate(long tenantId, String taskId, int version) {
    heads.activate(tasks.get(tenantId, taskId), version);
    return tasks.get(tenantId, taskId);
  }

  /** @return the active head file's bytes */
  public byte[] activeFile(long tenantId, String taskId) {
    Task task = tasks.get(tenantId, taskId);
    if (task.activeVersion() == null) {
      throw ActiveHeads.unavailable(taskId, "has no active head");
    }
    return store.bytes(taskId, task.activeVersion())
        .orElseThrow(() -> ActiveHeads.unavailable(taskId, "has no active head"));
  }

  /**
   * Stores an uploaded head file as a new active version.
   *
   * @return the new version's number
   * @throws ServiceException a conflict if it was made for another encoder, invalid if it is not a valid head
   */
  public int upload(long tenantId, String taskId, byte[] bytes) {
    Task task = tasks.get(tenantId, taskId);
    return heads.add(task, heads.read(bytes, "the uploaded head"), bytes, true);
  }
}
