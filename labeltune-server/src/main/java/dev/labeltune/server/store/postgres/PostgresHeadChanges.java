package dev.labeltune.server.store.postgres;

import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.store.HeadChanges;
import dev.labeltune.server.store.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Head changes heard through PostgreSQL's {@code LISTEN}, on one connection of its own outside the
 * pool, read by one thread. Notifications sent while that connection is down are lost, so after
 * every connection, the first one too, the listener is told to resync everything.
 */
final class PostgresHeadChanges implements HeadChanges {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresHeadChanges.class);
  private static final int WAIT_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  private final PostgresLocation location;
  private volatile boolean closed;
  private volatile Thread thread;

  PostgresHeadChanges(PostgresLocation location) {
    this.location = location;
  }

  @Override
  public synchronized void start(Listener listener) {
    if (thread != null) {
      throw new IllegalStateException("Head changes are already being heard");
    }
    thread = DaemonThreads.named("labeltune-head-listener").newThread(() -> listen(listener));
    thread.start();
  }

  @Override
  public boolean shared() {
    return true;
  }

  private void listen(Listener listener) {
    long backoff = 100;
    boolean first = true;
    while (!closed) {
      try (Connection c = connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + SqlDialect.HEAD_CHANNEL);
        }
        if (!first) {
          LOG.info("Listening for head changes again; resyncing every task's head");
        }
        // Also on the first connection: a change committed between the server loading its heads and
        // this LISTEN was announced to nobody (a replica starting while another tunes), so compare now.
        listener.resync();
        first = false;
        backoff = 100;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
          if (notes == null) {
            continue;
          }
          for (PGNotification note : notes) {
            listener.changed(note.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        first = false;
        LOG.warn("Lost the head-change connection to {} ({}); reconnecting in {} ms", location, e.getMessage(), backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (location.password() != null) {
      props.setProperty("password", location.password());
    }
    props.setProperty("connectTimeout", "3");
    props.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(location.jdbcUrl(), props);
  }

  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(WAIT_MILLIS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
