package dev.labeltune.server.store;

import dev.labeltune.server.store.StoreRecords.ActiveHead;
import dev.labeltune.server.store.StoreRecords.ApiKey;
import dev.labeltune.server.store.StoreRecords.Example;
import dev.labeltune.server.store.StoreRecords.HeadVersion;
import dev.labeltune.server.store.StoreRecords.Job;
import dev.labeltune.server.store.StoreRecords.Task;
import dev.labeltune.server.store.StoreRecords.Tenant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable state of the service. Every method that changes something has committed when it returns,
 * so a caller may acknowledge the change. Reads of tasks, examples and jobs are scoped to a tenant:
 * another tenant's row is reported exactly as a missing one. Thread-safe.
 */
public interface TaskStore extends AutoCloseable {

  /** @return a new tenant @param name its unique name */
  Tenant createTenant(String name);

  /** @return every tenant, oldest first */
  List<Tenant> tenants();

  /** @return the tenant of that name, if any @param name the name */
  Optional<Tenant> tenantNamed(String name);

  /** Stores a key; only its salted hash is kept. */
  void addKey(ApiKey key);

  /** @return the key with that identifier, if any @param id the identifier */
  Optional<ApiKey> key(String id);

  /** @return whether the key existed and is now revoked @param id the identifier */
  boolean revokeKey(String id);

  /**
   * Stores a task with its first head version, active, in one transaction.
   *
   * @param task the task (its {@code activeVersion} is ignored)
   * @param head the zero-shot head's file bytes
   * @param meta the head's description
   */
  void createTask(Task task, byte[] head, HeadVersion meta);

  /** @return a page of the tenant's tasks, oldest first */
  List<Task> tasks(long tenantId, int offset, int limit);

  /** @return the number of tasks of every tenant */
  long countTasks();

  /** @return the tenant's task, if it exists */
  Optional<Task> task(long tenantId, String taskId);

  /** @return the task whose name and template were replaced, if it exists */
  Optional<Task> updateTask(long tenantId, String taskId, String name, String template);

  /** @return whether the task existed and is now deleted with its examples, versions and jobs */
  boolean deleteTask(long tenantId, String taskId);

  /**
   * Adds examples in one transaction: all of them or none.
   *
   * @param taskId the task
   * @param texts the texts
   * @param labels each text's labels
   * @return the stored examples, in order
   */
  List<Example> addExamples(String taskId, List<String> texts, List<List<String>> labels);

  /** @return up to {@code limit} examples with an id above {@code afterId}, in id order */
  List<Example> examples(String taskId, long afterId, int limit);

  /** @return the number of the task's examples */
  long countExamples(String taskId);

  /** @return when a tuning job of the task last succeeded, if ever */
  Optional<java.time.Instant> lastTuned(String taskId);

  /** @return whether the example existed in that task and is now deleted */
  boolean deleteExample(String taskId, long exampleId);

  /**
   * Adds a head version and, if asked, makes it the active one, in one transaction.
   *
   * @return the new version's number
   */
  int addVersion(String taskId, byte[] head, HeadVersion meta, boolean activate);

  /** @return the task's versions, oldest first */
  List<HeadVersion> versions(String taskId);

  /** @return a version's head file bytes, if it exists */
  Optional<byte[]> head(String taskId, int version);

  /** @return whether the version exists and is now active */
  boolean activate(String taskId, int version);

  /** Hands every task's active head to {@code sink}, one at a time, so they are never all held as bytes. */
  void forEachActiveHead(Consumer<ActiveHead> sink);

  /** Stores a new job. */
  void createJob(Job job);

  /** Records a job's state and progress. */
  void updateJob(Job job);

  /** @return the job, if it belongs to one of the tenant's tasks */
  Optional<Job> job(long tenantId, String jobId);

  /**
   * Marks jobs left {@code queued} or {@code running} by a process that stopped.
   *
   * @param state the state to give them
   * @param message why
   * @return how many jobs were marked
   */
  int markUnfinishedJobs(String state, String message);

  @Override
  void close();
}
