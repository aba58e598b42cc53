package dev.labeltune.server.store.sqlite;

import dev.labeltune.server.store.jdbc.Connections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection lent to one thread at a time: SQLite has a single writer anyway, every statement
 * here is short, and one connection never meets another's lock.
 */
final class SingleConnection implements Connections {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  SingleConnection(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Connection acquire() {
    lock.lock();
    return connection;
  }

  @Override
  public void release(Connection c) {
    lock.unlock();
  }

  @Override
  public void close() throws SQLException {
    lock.lock();
    try {
      connection.close();
    } finally {
      lock.unlock();
    }
  }
}
