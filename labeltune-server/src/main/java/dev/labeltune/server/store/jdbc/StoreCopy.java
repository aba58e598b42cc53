package dev.labeltune.server.store.jdbc;

import dev.labeltune.server.domain.StoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every row of one store into another of any dialect (tenants, hashed keys, tasks, labels,
 * examples, every head version, job history), keeping ids, in one transaction on the target, then
 * checks that both hold the same number of rows per table and the same head files (SHA-256).
 */
public final class StoreCopy {
  /** The tables in an order that respects their foreign keys, with their columns. */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("tenants", "id, name, created");
    TABLES.put("api_keys", "id, tenant_id, salt, hash, created, revoked");
    TABLES.put("admin_key", "id, salt, hash, created");
    TABLES.put("tasks", "id, tenant_id, name, template, multi_label, created, updated, active_version, head_serial");
    TABLES.put("labels", "task_id, position, name, text");
    TABLES.put("examples", "id, task_id, text, labels, created");
    TABLES.put("head_versions",
        "task_id, version, head, fingerprint, method, cv_macro_f1, zero_shot_macro_f1, examples, created");
    TABLES.put("jobs", "id, task_id, kind, state, progress, message, version, cv_macro_f1, zero_shot_macro_f1, created, "
        + "finished, report, owner, lease_until, attempts");
    TABLES.put("pool_texts", "id, task_id, text, text_hash, embedding, created");
  }

  private StoreCopy() {}

  /**
   * What was copied.
   *
   * @param rows rows per table, the same in both stores
   * @param heads head files whose checksums were compared
   */
  public record Report(Map<String, Long> rows, long heads) {}

  /**
   * @param from the store to read
   * @param to the store to fill
   * @param replace whether rows already in {@code to} may be deleted first; if not, a target that
   *     holds any row is refused
   * @return the rows copied and checked
   * @throws IllegalStateException if the target holds rows and {@code replace} is not given
   * @throws StoreException if a table cannot be read or written, or the copy differs from the source
   */
  public static Report copy(JdbcStore from, JdbcStore to, boolean replace) {
    Map<String, Long> held = counts(to.jdbc());
    long rows = held.values().stream().mapToLong(Long::longValue).sum();
    if (rows > 0 && !replace) {
      throw new IllegalStateException("The target store is not empty (" + held + "); pass --replace to delete its "
          + "rows and copy over them");
    }
    to.jdbc().inTransaction("copy the store", target -> {
      List<String> reversed = new ArrayList<>(TABLES.keySet());
      Collections.reverse(reversed);
      try (Statement s = target.createStatement()) {
        for (String table : reversed) {
          s.executeUpdate("DELETE FROM " + table);
        }
      }
      from.jdbc().with("read the source store", source -> {
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
          copyTable(source, target, table.getKey(), table.getValue());
        }
        return null;
      });
      if (target.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
        try (Statement s = target.createStatement()) {
          for (String table : List.of("tenants", "examples", "pool_texts")) {
            s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                + "FROM " + table);
          }
        }
      }
      return null;
    });
    Map<String, Long> source = counts(from.jdbc());
    Map<String, Long> copied = counts(to.jdbc());
    if (!source.equals(copied)) {
      throw new StoreException("The copy differs from the source: " + copied + " rows against " + source, null);
    }
    List<String> sourceHeads = checksums(from.jdbc());
    if (!sourceHeads.equals(checksums(to.jdbc()))) {
      throw new StoreException("The copied head files differ from the source's", null);
    }
    return new Report(source, sourceHeads.size());
  }

  private static void copyTable(Connection source, Connection target, String table, String columns)
      throws SQLException {
    int n = columns.split(",").length;
    String insert = "INSERT INTO " + table + "(" + columns + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
    try (Statement read = source.createStatement();
        ResultSet rs = read.executeQuery("SELECT " + columns + " FROM " + table);
        PreparedStatement write = target.prepareStatement(insert)) {
      int[] sqlTypes = targetTypes(target, table, columns, n);
      int batch = 0;
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          Object value = rs.getObject(i);
          if (value == null) {
            write.setNull(i, sqlTypes[i - 1]);
          } else if (sqlTypes[i - 1] == Types.BOOLEAN || sqlTypes[i - 1] == Types.BIT) {
            write.setBoolean(i, rs.getBoolean(i));
          } else {
            write.setObject(i, value, sqlTypes[i - 1]);
          }
        }
        write.addBatch();
        if (++batch % 500 == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
  }

  /** @return the target's SQL type of each column, as its driver reports them */
  private static int[] targetTypes(Connection target, String table, String columns, int n) throws SQLException {
    try (Statement s = target.createStatement();
        ResultSet empty = s.executeQuery("SELECT " + columns + " FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData meta = empty.getMetaData();
      int[] out = new int[n];
      for (int i = 1; i <= n; i++) {
        out[i - 1] = meta.getColumnType(i);
      }
      return out;
    }
  }

  private static Map<String, Long> counts(Jdbc jdbc) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : TABLES.keySet()) {
      out.put(table, jdbc.first("SELECT COUNT(*) FROM " + table, ps -> { }, rs -> rs.getLong(1)).orElse(0L));
    }
    return out;
  }

  private static List<String> checksums(Jdbc jdbc) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks SHA-256", e);
    }
    return jdbc.query("SELECT task_id, version, head FROM head_versions ORDER BY task_id, version", ps -> { },
        rs -> rs.getString(1) + " v" + rs.getInt(2) + " " + HexFormat.of().formatHex(sha.digest(rs.getBytes(3))));
  }
}
