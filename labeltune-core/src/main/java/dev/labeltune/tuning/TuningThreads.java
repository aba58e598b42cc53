package dev.labeltune.tuning;

import dev.labeltune.internal.DaemonThreads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Where label tuning's independent runs (folds, configurations, refits) execute side by side. */
final class TuningThreads {
  private TuningThreads() {}

  /** Runs every job, on up to {@code threads} threads; the first failure is rethrown once all have ended. */
  static void runAll(int threads, List<Callable<Void>> runs) {
    if (threads == 1 || runs.size() <= 1) {
      for (Callable<Void> r : runs) {
        try {
          r.call();
        } catch (CancellationException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("Label tuning run failed", e);
        }
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, runs.size()),
        DaemonThreads.named("label-tuning"));
    try {
      for (Future<Void> f : pool.invokeAll(runs)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Label tuning was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CancellationException stopped) {
        throw stopped;
      }
      throw new IllegalStateException("Label tuning run failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
