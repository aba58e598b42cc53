package dev.labeltune.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes closing an object that owns native memory safe while other threads use it: every use runs
 * under a shared lock, and {@link #close} takes the exclusive lock, so it waits for the calls in
 * flight and then frees the memory once. A use that starts after closing began is refused with
 * {@link IllegalStateException}, never run against freed memory.
 */
public final class CloseGuard {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String closedMessage;
  private volatile boolean closed;

  /** @param closedMessage the message of the exception a use after closing gets */
  public CloseGuard(String closedMessage) {
    this.closedMessage = closedMessage;
  }

  /**
   * Runs {@code action} while the owner is guaranteed to stay open.
   *
   * @param action the work that touches native memory
   * @param <T> its result type
   * @return its result
   * @throws IllegalStateException if the owner is closed or closing
   */
  public <T> T use(Supplier<T> action) {
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    try {
      if (closed) {
        throw new IllegalStateException(closedMessage);
      }
      return action.get();
    } finally {
      read.unlock();
    }
  }

  /**
   * Waits for uses in flight, then runs {@code release} the first time only.
   *
   * @param release frees the native memory
   * @throws IllegalStateException if called from inside {@link #use}, which would deadlock
   */
  public void close(Runnable release) {
    if (lock.getReadHoldCount() > 0) {
      throw new IllegalStateException("close() was called from inside a call on the same object");
    }
    ReentrantReadWriteLock.WriteLock write = lock.writeLock();
    write.lock();
    try {
      if (!closed) {
        closed = true;
        release.run();
      }
    } finally {
      write.unlock();
    }
  }

  /** @return whether {@link #close} has begun */
  public boolean isClosed() {
    return closed;
  }
}
