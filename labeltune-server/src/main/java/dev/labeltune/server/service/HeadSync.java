package dev.labeltune.server.service;

import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.store.HeadChanges;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the heads this process serves in step with changes other processes make to a shared store:
 * each change it hears of reloads that task's head; whenever news may have been lost (the listener
 * connected or reconnected) and, where the store is shared, periodically, a sweep compares every
 * task's head serial with the store and reloads the heads that changed.
 *
 * @param heads the heads served
 * @param changes the news of changes
 * @param sweeper the sweeping thread, null for a store no other process writes
 */
record HeadSync(TaskHeads heads, HeadChanges changes, ScheduledExecutorService sweeper)
    implements HeadChanges.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeadSync.class);

  /**
   * Starts hearing of changes and, for a shared store, sweeping.
   *
   * @param sweepSeconds seconds between sweeps of a shared store
   * @return the running sync
   */
  static HeadSync start(TaskHeads heads, HeadChanges changes, long sweepSeconds) {
    ScheduledExecutorService sweeper = changes.shared()
        ? Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("labeltune-head-sweep")) : null;
    HeadSync sync = new HeadSync(heads, changes, sweeper);
    changes.start(sync);
    if (sweeper != null) {
      sweeper.scheduleWithFixedDelay(sync::sweep, sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
    }
    return sync;
  }

  @Override
  public void changed(String taskId) {
    try {
      heads.refresh(taskId);
    } catch (RuntimeException e) {
      LOG.warn("Could not reload the head of task {} ({}); the next sweep retries", taskId, e.getMessage());
    }
  }

  /** News may have been lost: compare every task's head serial with the store, as a sweep does. */
  @Override
  public void resync() {
    sweep();
  }

  private void sweep() {
    try {
      heads.sweep();
    } catch (RuntimeException e) {
      LOG.warn("Could not compare the served heads with the store ({})", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    changes.close();
  }
}
