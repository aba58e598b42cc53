package dev.labeltune.server.service;

import dev.labeltune.server.store.Store;
import java.time.Duration;

/**
 * The services of one server, one per aggregate, wired to one store and to the encoder through one
 * {@link EncodingBatcher}. {@link #open}
 * marks jobs a stopped process left as failed and loads every active head.
 *
 * @param tasks tasks
 * @param examples examples
 * @param heads head versions and files
 * @param tuning tuning jobs
 * @param classification classification
 * @param pools unlabeled pools and what to label next
 * @param active the heads being served
 * @param sync what keeps them in step with other processes sharing the store
 */
public record Services(TaskService tasks, ExampleService examples, HeadService heads, TuningService tuning,
    ClassificationService classification, PoolService pools, ActiveHeads active, AutoCloseable sync)
    implements AutoCloseable {
  /** Seconds between the sweeps that compare the served heads with a shared store. */
  private static final long SWEEP_SECONDS = 10;

  /**
   * @param store the store; the caller closes it after these services
   * @param batcher the one way to the shared encoder
   * @param active where the served heads go
   * @param jobLease how long a tuning job's lease lasts unless renewed
   * @return the services, with every usable active head loaded
   */
  public static Services open(Store store, EncodingBatcher batcher, ActiveHeads active,
      Duration jobLease) {
    TaskHeads taskHeads = new TaskHeads(batcher, store.heads(), active);
    TaskService tasks = new TaskService(store.tasks(), taskHeads, store.jobs());
    ExampleService examples = new ExampleService(tasks, store.examples());
    HeadService heads = new HeadService(tasks, store.heads(), taskHeads);
    TuningService tuning = new TuningService(tasks, examples, taskHeads, store.jobs(), batcher, jobLease);
    if (!store.headChanges().shared()) {
      tuning.failAbandoned();
    }
    taskHeads.refreshAll();
    HeadSync sync = HeadSync.start(taskHeads, store.headChanges(), SWEEP_SECONDS);
    tuning.start();
    PoolService pools = new PoolService(tasks, examples, store.pools(), active, batcher);
    return new Services(tasks, examples, heads, tuning, new ClassificationService(taskHeads, batcher), pools, active,
        sync);
  }

  /** Stops hearing of head changes and stops the tuning jobs; see {@link TuningService#close()}. */
  @Override
  public void close() {
    try {
      sync.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the head sync", e);
    }
    tuning.close();
  }
}
