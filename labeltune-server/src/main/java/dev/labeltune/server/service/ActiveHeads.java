package dev.labeltune.server.service;

import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.ServiceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The head that serves each task, in memory. Replacing a task's head is one atomic map write: a
 * classify request reads the old head or the new one, never a mix. Each entry carries the task's
 * head serial from the store, and an entry is only ever replaced by one with a higher serial, so
 * changes heard out of order never bring back an older head. Tasks whose active head cannot be served
 * (made for another encoder, unreadable, missing) are kept out and listed as problems.
 */
public final class ActiveHeads {
  /** A served head with the tenant that owns its task, so serving needs no database read. */
  private record Served(long tenantId, long serial, TaskHead head) {}

  /** A task whose stored active head is not served, and why. */
  private record Problem(long tenantId, long serial, String message) {}

  private final Map<String, Served> heads = new ConcurrentHashMap<>();
  private final Map<String, Problem> problems = new ConcurrentHashMap<>();

  /** @return the task's head, if it has a usable one */
  public Optional<TaskHead> get(String taskId) {
    return Optional.ofNullable(heads.get(taskId)).map(Served::head);
  }

  /**
   * The refusal of a task that exists but has no head to serve.
   *
   * @param taskId the task
   * @param why what is missing, as a clause
   * @return a conflict, {@code head_unavailable}
   */
  static ServiceException unavailable(String taskId, String why) {
    return ServiceException.of(ServiceException.Kind.CONFLICT, "head_unavailable", "Task '" + taskId + "' " + why);
  }

  /** @return the task's head, if the tenant owns the task and it has a usable head */
  public Optional<TaskHead> get(long tenantId, String taskId) {
    Served served = heads.get(taskId);
    return served == null || served.tenantId() != tenantId ? Optional.empty() : Optional.of(served.head());
  }

  /**
   * Makes {@code head} the one that serves the tenant's task, unless a newer one already does.
   *
   * @param serial the task's head serial in the store for this head
   */
  public void put(String taskId, long tenantId, long serial, TaskHead head) {
    if (serial >= serial(taskId)) {
      heads.compute(taskId, (id, old) -> old != null && old.serial() > serial ? old : new Served(tenantId, serial, head));
      problems.remove(taskId);
    }
  }

  /** Forgets a deleted task. */
  public void remove(String taskId) {
    heads.remove(taskId);
    problems.remove(taskId);
  }

  /** Records that the tenant's task has an active head that cannot be served, and why. */
  public void problem(String taskId, long tenantId, long serial, String message) {
    if (serial >= serial(taskId)) {
      heads.remove(taskId);
      problems.put(taskId, new Problem(tenantId, serial, message));
    }
  }

  /** @return whether the tenant's task exists with an active head that cannot be served */
  public boolean unusable(long tenantId, String taskId) {
    Problem p = problems.get(taskId);
    return p != null && p.tenantId() == tenantId;
  }

  /** @return the serial of the head served (or refused) for the task, -1 if none is known */
  public long serial(String taskId) {
    Served s = heads.get(taskId);
    if (s != null) {
      return s.serial();
    }
    Problem p = problems.get(taskId);
    return p == null ? -1 : p.serial();
  }

  /** @return the ids of every task known here, served or refused */
  public Set<String> taskIds() {
    Set<String> out = ConcurrentHashMap.newKeySet();
    out.addAll(heads.keySet());
    out.addAll(problems.keySet());
    return out;
  }

  /** @return the heads that could not be served, and why */
  public List<String> problems() {
    return problems.values().stream().map(Problem::message).sorted().toList();
  }

  /** @return the number of tasks being served */
  public int size() {
    return heads.size();
  }
}
