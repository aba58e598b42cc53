package dev.labeltune.server.service;

import dev.labeltune.head.TaskHead;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The head that serves each task, in memory. Replacing a task's head is one atomic map write: a
 * classify request reads the old head or the new one, never a mix. Heads that could not be used at
 * start-up (made for another encoder, unreadable) are kept out and listed as problems.
 */
public final class ActiveHeads {
  private final Map<String, TaskHead> heads = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  /** @return the task's head, if it has a usable one */
  public Optional<TaskHead> get(String taskId) {
    return Optional.ofNullable(heads.get(taskId));
  }

  /** Makes {@code head} the one that serves the task. */
  public void put(String taskId, TaskHead head) {
    heads.put(taskId, head);
  }

  /** Forgets a deleted task. */
  public void remove(String taskId) {
    heads.remove(taskId);
  }

  /** Records a head that was not loaded, and why. */
  public void problem(String message) {
    problems.add(message);
  }

  /** @return the heads that were not loaded, and why */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** @return the number of tasks being served */
  public int size() {
    return heads.size();
  }
}
