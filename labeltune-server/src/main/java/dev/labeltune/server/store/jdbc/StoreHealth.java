package dev.labeltune.server.store.jdbc;

import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.domain.StoreUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, as this process last saw it. Once a statement finds it unreachable,
 * the requests that need it are refused at once (each would otherwise wait out the pool's connection
 * timeout), while one background probe asks for a connection every {@value #PROBE_MILLIS} ms and
 * marks the database up as soon as one is valid: the process notices the database is back within
 * about that long, without a request having to try.
 */
final class StoreHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
  private static final long PROBE_MILLIS = 250;

  private final Connections connections;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile long downSince;
  private volatile boolean closed;

  StoreHealth(Connections connections) {
    this.connections = connections;
  }

  /** @throws StoreUnavailableException at once while the database is known to be unreachable */
  void check() {
    long since = downSince;
    if (since != 0) {
      throw new StoreUnavailableException(String.format("The store has been unreachable for %.1f s; it is checked "
          + "every %d ms and used again as soon as it answers", (System.nanoTime() - since) / 1e9, PROBE_MILLIS), null);
    }
  }

  /** Marks the database unreachable, after a statement found it so, and starts probing it. */
  void unreachable() {
    if (closed) {
      return;
    }
    if (downSince == 0) {
      downSince = System.nanoTime();
      LOG.warn("The store is unreachable; requests that need it answer 503 until it is back");
    }
    if (probing.compareAndSet(false, true)) {
      DaemonThreads.oneShot("labeltune-store-probe").execute(this::probe);
    }
  }

  private void probe() {
    try {
      while (!closed && downSince != 0) {
        if (connections.reconnect()) {
          LOG.info("The store answers again after {} s", String.format("%.1f", (System.nanoTime() - downSince) / 1e9));
          downSince = 0;
          return;
        }
        try {
          Thread.sleep(PROBE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    } finally {
      probing.set(false);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
