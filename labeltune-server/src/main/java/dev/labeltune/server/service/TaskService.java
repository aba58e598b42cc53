package dev.labeltune.server.service;

import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobKind;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.JobStore;
import dev.labeltune.server.store.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tasks: creating one makes its zero-shot head and serves it at once; a new template makes a new
 * zero-shot version, active only while the task is still zero-shot.
 */
public final class TaskService {
  private static final int MAX_TASK_LABELS = 1000;
  /**
   * Most label-text tokens embedded before a creation is answered (about 5 s on two cores): a task
   * whose label texts come to more is answered at once and a job makes its zero-shot head, so that
   * creating it stays well within a load balancer's timeout.
   */
  static final long EAGER_TOKENS = 32_768;
  private static final String ID_HINT = "; task ids look like t_0123456789abcdef, and GET /v1/tasks lists yours";

  private final TaskStore store;
  private final TaskHeads heads;
  private final JobStore jobs;

  TaskService(TaskStore store, TaskHeads heads, JobStore jobs) {
    this.store = store;
    this.heads = heads;
    this.jobs = jobs;
  }

  /**
   * A new task.
   *
   * @param task the task
   * @param job the job making its zero-shot head, or null when the head is served already
   */
  public record Created(Task task, String job) {}

  /**
   * Makes a task. Its zero-shot head is made and served before this returns, unless its label texts
   * come to more than {@value #EAGER_TOKENS} tokens: then a job makes it, and the task answers 409
   * {@code head_unavailable} until the job succeeds.
   *
   * @return the new task, and the job making its head if one does
   * @throws ServiceException (invalid) if the labels or template break a rule
   */
  public Created create(long tenantId, String name, List<Label> labels, String template, boolean multiLabel) {
    if (labels.size() < (multiLabel ? 1 : 2) || labels.size() > MAX_TASK_LABELS) {
      throw ServiceException.of(Kind.UNPROCESSABLE, "'labels' must hold between " + (multiLabel ? 1 : 2) + " and "
          + MAX_TASK_LABELS + " labels, found " + labels.size());
    }
    Instant now = Instant.now();
    Task task = Task.created(Ids.next("t_"), tenantId, name, template, multiLabel, labels, now);
    if (heads.labelTokens(heads.labelSet(task)) > EAGER_TOKENS) {
      store.create(task, null, null);
      Job job = Job.queued(Ids.next("j_"), task.id(), JobKind.ZERO_SHOT, now);
      jobs.create(job);
      return new Created(get(tenantId, task.id()), job.id());
    }
    TaskHead head = heads.zeroShot(task);
    store.create(task, heads.bytes(head), TaskHeads.describe(head, now));
    heads.served(task, 1, head);
    return new Created(get(tenantId, task.id()), null);
  }

  /** @return the task @throws ServiceException (not found) if the tenant has no such task */
  public Task get(long tenantId, String taskId) {
    return store.get(tenantId, taskId).orElseThrow(() -> notFound(taskId));
  }

  /** @return the refusal for a task id the tenant does not have */
  static ServiceException notFound(String taskId) {
    return ServiceException.notFound("task", taskId, ID_HINT);
  }

  /** @return a page of the tenant's tasks */
  public List<Task> page(long tenantId, int offset, int limit) {
    return store.page(tenantId, offset, limit);
  }

  /** @return the number of tasks of every tenant */
  public long count() {
    return store.count();
  }

  /**
   * Renames a task or changes its template.
   *
   * @param name the new name, or null to keep it
   * @param template the new template (null: the default), used only if {@code templateGiven}
   * @return the task as it is now
   */
  public Task update(long tenantId, String taskId, String name, String template, boolean templateGiven) {
    Task old = get(tenantId, taskId);
    String newTemplate = templateGiven ? template : old.template();
    Task updated = store.update(tenantId, taskId, name == null ? old.name() : name, newTemplate)
        .orElseThrow(() -> notFound(taskId));
    if (!Objects.equals(newTemplate, old.template())) {
      TaskHead head = heads.zeroShot(updated);
      boolean zeroShotActive = heads.active().get(taskId).map(h -> h.provenance().method().equals("zero-shot"))
          .orElse(true);
      heads.add(updated, head, heads.bytes(head), zeroShotActive);
    }
    return get(tenantId, taskId);
  }

  /** Deletes a task with its examples, versions and jobs. */
  public void delete(long tenantId, String taskId) {
    if (!store.delete(tenantId, taskId)) {
      throw notFound(taskId);
    }
    heads.active().remove(taskId);
  }
}
