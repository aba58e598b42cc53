package dev.labeltune.server.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** How the stores write and read the values that JDBC has no one way for: unknown numbers, optional integers, instants. */
public final class Columns {
  private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

  private Columns() {}

  /** Binds a number that may be NaN (unknown) as SQL NULL. */
  public static void setNumber(PreparedStatement ps, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  /** @return the column's number, NaN for SQL NULL */
  public static double number(ResultSet rs, int index) throws SQLException {
    double v = rs.getDouble(index);
    return rs.wasNull() ? Double.NaN : v;
  }

  /** Binds an integer that may be null. */
  public static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  /** @return the column's integer, or null for SQL NULL */
  public static Integer integer(ResultSet rs, int index) throws SQLException {
    int v = rs.getInt(index);
    return rs.wasNull() ? null : v;
  }

  /** Binds an instant as ISO-8601 text with nine fraction digits (so text order is time order), or null. */
  public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setString(index, value == null ? null : INSTANT.format(value));
  }

  /** @return the column's instant, or null for SQL NULL */
  public static Instant instant(ResultSet rs, int index) throws SQLException {
    String v = rs.getString(index);
    return v == null ? null : Instant.parse(v);
  }
}
