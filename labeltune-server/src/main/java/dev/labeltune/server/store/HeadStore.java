package dev.labeltune.server.store;

import dev.labeltune.server.domain.ActiveHead;
import dev.labeltune.server.domain.HeadVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The versioned head files of tasks and which one is active. Every change of a task's active head
 * (creating the task, activating a version, deleting the task) raises its serial and is announced
 * through {@link Store#headChanges()} when it commits.
 */
public interface HeadStore {
  /**
   * Adds a head version and, if asked, makes it the active one, in one transaction.
   *
   * @return the new version's number
   */
  int add(String taskId, byte[] head, HeadVersion meta, boolean activate);

  /** @return the task's versions, oldest first */
  List<HeadVersion> versions(String taskId);

  /** @return a version's head file bytes, if it exists */
  Optional<byte[]> bytes(String taskId, int version);

  /** @return whether the version exists and is now active */
  boolean activate(String taskId, int version);

  /** @return the task's head serial, if the task exists and {@code version} is its active version */
  OptionalLong activeSerial(String taskId, int version);

  /** @return the task's active head, with its serial, if the task exists */
  Optional<ActiveHead> active(String taskId);

  /** @return every task's head serial, by task id: what a replica compares with the heads it serves */
  Map<String, Long> serials();

  /**
   * Hands every task's active head to {@code sink}, one at a time, so they are never all held as
   * bytes; a task without an active head comes with null bytes.
   */
  void forEachActive(Consumer<ActiveHead> sink);
}
