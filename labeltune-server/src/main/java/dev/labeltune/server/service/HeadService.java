package dev.labeltune.server.service;

import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.HeadStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Head versions of tasks: listing, rolling back or forward, downloading and uploading head files, and
 * loading every active head at start-up.
 */
public final class HeadService {
  private static final Logger LOG = LoggerFactory.getLogger(HeadService.class);
  private final TaskService tasks;
  private final HeadStore store;
  private final HeadFactory heads;
  private final ActiveHeads active;

  HeadService(TaskService tasks, HeadStore store, HeadFactory heads, ActiveHeads active) {
    this.tasks = tasks;
    this.store = store;
    this.heads = heads;
    this.active = active;
  }

  /**
   * Loads every task's active head; a head made for another encoder or unreadable is not served and
   * is reported instead.
   *
   * @return the number of heads loaded
   */
  int loadActive() {
    store.forEachActive(stored -> {
      String source = "task " + stored.taskId() + " v" + stored.version();
      try {
        active.put(stored.taskId(), stored.tenantId(), heads.read(stored.head(), source));
      } catch (ServiceException e) {
        String problem = "Task " + stored.taskId() + " version " + stored.version() + " is not served: "
            + e.getMessage();
        LOG.error(problem);
        active.problem(problem);
      }
    });
    return active.size();
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
    tasks.get(tenantId, taskId);
    byte[] bytes = store.bytes(taskId, version).orElseThrow(() -> ServiceException.notFound("version",
        Integer.toString(version), "; GET /v1/tasks/" + taskId + "/versions lists them"));
    TaskHead head = heads.read(bytes, "version " + version);
    store.activate(taskId, version);
    active.put(taskId, tenantId, head);
    return tasks.get(tenantId, taskId);
  }

  /** @return the active head file's bytes */
  public byte[] activeFile(long tenantId, String taskId) {
    Task task = tasks.get(tenantId, taskId);
    if (task.activeVersion() == null) {
      throw ServiceException.conflict("head_unavailable", "Task '" + taskId + "' has no active head");
    }
    return store.bytes(taskId, task.activeVersion()).orElseThrow(() -> ServiceException.conflict("head_unavailable",
        "Task '" + taskId + "' has no active head"));
  }

  /**
   * Stores an uploaded head file as a new active version.
   *
   * @return the new version's number
   * @throws ServiceException a conflict if it was made for another encoder, invalid if it is not a valid head
   */
  public int upload(long tenantId, String taskId, byte[] bytes) {
    tasks.get(tenantId, taskId);
    TaskHead head = heads.read(bytes, "the uploaded head");
    int version = store.add(taskId, bytes, HeadFactory.describe(head, Instant.now()), true);
    active.put(taskId, tenantId, head);
    return version;
  }

  /** Stores a tuned head as the task's new active version. @return its number */
  int publish(Task task, TaskHead head) {
    int version = store.add(task.id(), heads.bytes(head), HeadFactory.describe(head, Instant.now()), true);
    active.put(task.id(), task.tenantId(), head);
    return version;
  }
}
