package dev.labeltune.server.store;

import dev.labeltune.server.domain.StoreException;

/**
 * One database holding every aggregate. Every method of its parts that changes something has
 * committed when it returns, so a caller may acknowledge the change; every failure is a {@link
 * StoreException}. Thread-safe.
 */
public interface Store extends AutoCloseable {
  /** @return tenants and their keys */
  TenantStore tenants();

  /** @return tasks and their labels */
  TaskStore tasks();

  /** @return the tasks' examples */
  ExampleStore examples();

  /** @return the tasks' head versions */
  HeadStore heads();

  /** @return tuning jobs */
  JobStore jobs();

  /** @return the tasks' unlabeled pools */
  PoolStore pools();

  /** @return news of head changes other processes make */
  HeadChanges headChanges();

  @Override
  void close();
}
