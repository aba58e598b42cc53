package dev.labeltune.server.store.jdbc;

import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs SQL for the data-access objects of one database. A statement run inside {@link
 * #inTransaction} uses that transaction's connection, so one transaction can span several DAOs; any
 * other statement takes a connection of its own for its duration. Every {@link SQLException} leaves
 * as a {@link StoreException} naming what was being done; once the database is found unreachable,
 * statements are refused at once until {@link StoreHealth} sees it answer again. Thread-safe when its {@link Connections} are.
 */
public final class Jdbc implements AutoCloseable {
  private final Connections connections;
  private final StoreHealth health;
  private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

  /** @param connections where connections come from; closed with this */
  public Jdbc(Connections connections) {
    this.connections = connections;
    this.health = new StoreHealth(connections);
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  public interface Binder {
    /** Binds. */
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    /** @return the row as a value */
    T map(ResultSet rs) throws SQLException;
  }

  /** Work done with a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** @return its result */
    T run(Connection connection) throws SQLException;
  }

  /** @return every row {@code sql} selects */
  public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    return with("read", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          List<T> out = new ArrayList<>();
          while (rs.next()) {
            out.add(mapper.map(rs));
          }
          return out;
        }
      }
    });
  }

  /** @return the first row {@code sql} selects, if any */
  public <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = query(sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** @return the number of rows {@code sql} changed */
  public int update(String sql, Binder binder) {
    return with("write", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Runs a statement whose parameters are plain values: strings, numbers, booleans, byte arrays,
   * instants (as {@link Columns#setInstant} writes them) or null.
   *
   * @return the number of rows it changed
   */
  public int update(String sql, Object... params) {
    return update(sql, ps -> {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof Instant t) {
          Columns.setInstant(ps, i + 1, t);
        } else {
          ps.setObject(i + 1, params[i]);
        }
      }
    });
  }

  /** @return the generated key of the one row {@code sql} inserted */
  public long insert(String sql, Binder binder) {
    return with("insert", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
        binder.bind(ps);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          if (!keys.next()) {
            throw new SQLException("The insert returned no generated key");
          }
          return keys.getLong(1);
        }
      }
    });
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
   * Statements of this {@code Jdbc} that {@code work} runs on this thread join the transaction.
   *
   * @param what what the work does, for the error message
   */
  public <T> T inTransaction(String what, Work<T> work) {
    Connection joined = transaction.get();
    if (joined != null) {
      return with(what, work);
    }
    health.check();
    try {
      Connection c = connections.acquire();
      Throwable failure = null;
      try {
        c.setAutoCommit(false);
        transaction.set(c);
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        failure = e;
        rollback(c, e);
        throw e;
      } finally {
        transaction.remove();
        try {
          c.setAutoCommit(true);
        } catch (SQLException e) {
          // A connection the failure broke refuses this too ("Connection is closed", no SQL state): the
          // failure, which tells an outage from a fault, is what the caller must see.
          if (failure == null) {
            throw e;
          }
          failure.addSuppressed(e);
        } finally {
          connections.release(c);
        }
      }
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  /** @return the result of {@code work} on this thread's transaction's connection, or on a connection of its own */
  public <T> T with(String what, Work<T> work) {
    Connection joined = transaction.get();
    try {
      if (joined != null) {
        return work.run(joined);
      }
      health.check();
      Connection c = connections.acquire();
      try {
        return work.run(c);
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    health.close();
    try {
      connections.close();
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }

  private StoreException fail(String what, SQLException e) {
    String message = "The store could not " + what + ": " + e.getMessage();
    if (unreachable(e)) {
      health.unreachable();
      return new StoreUnavailableException(message, e);
    }
    return new StoreException(message, e);
  }

  /**
   * @return whether the failure says the database cannot be reached now: no connection in time,
   *     a connection lost, or the server shutting down (SQL states of class 08 and 57P)
   */
  private static boolean unreachable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
