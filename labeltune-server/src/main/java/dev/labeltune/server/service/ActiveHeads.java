package dev.labeltune.server.service;

import dev.labeltune.head.TaskHead;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The head that serves each task, in memory. Replacing a task's head is one atomic map write: a
 * classify request reads the old head or the new one, never a mix. Heads that could not be used at
 * start-up (made for another encoder, unreadable) are kept out and listed as problems.
 */
public final class ActiveHeads {
  /** A served head with the tenant that owns its task, so serving needs no database read. */
  private record Served(long tenantId, TaskHead head) {}

  /** A task whose stored active head is not served, and why. */
  private record Problem(long tenantId, String message) {}

  private final Map<String, Served> heads = new ConcurrentHashMap<>();
  private final Map<String, Problem> problems = new ConcurrentHashMap<>();

  /** @return the task's head, if it has a usable one */
  public Optional<TaskHead> get(String taskId) {
    return Optional.ofNullable(heads.get(taskId)).map(Served::head);
  }

  /** @return the task's head, if the tenant owns the task and it has a usable head */
  public Optional<TaskHead> get(long tenantId, String taskId) {
    Served served = heads.get(taskId);
    return served == null || served.tenantId() != tenantId ? Optional.empty() : Optional.of(served.head());
  }

  /** Makes {@code head} the one that serves the tenant's task. */
  public void put(String taskId, long tenantId, TaskHead head) {
    heads.put(taskId, new Served(tenantId, head));
    problems.remove(taskId);
  }

  /** Forgets a deleted task. */
  public void remove(String taskId) {
    heads.remove(taskId);
    problems.remove(taskId);
  }

  /** Records that the tenant's task has an active head that cannot be served, and why. */
  public void problem(String taskId, long tenantId, String message) {
    problems.put(taskId, new Problem(tenantId, message));
  }

  /** @return whether the tenant's task exists with an active head that cannot be served */
  public boolean unusable(long tenantId, String taskId) {
    Problem p = problems.get(taskId);
    return p != null && p.tenantId() == tenantId;
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
