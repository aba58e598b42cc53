package dev.labeltune.server.store.jdbc;

/**
 * The few places where the SQL of the stores differs between databases; everything else is the
 * standard SQL both run.
 *
 * @param labelsAsJson a scalar subquery giving the labels of task {@code t} as a JSON array of
 *     {@code [name, text]} pairs in position order
 * @param announceHead a query announcing, on commit, that the head of task {@code ?} changed, or
 *     null where only one process writes
 * @param skipLocked what ends a query over jobs {@code j} so that it takes the rows it reads and
 *     skips rows another transaction holds
 * @param lockRow what ends a query so that it takes the rows it reads until the transaction ends (so
 *     concurrent writers of one task's versions, or of one job, queue up)
 */
public record SqlDialect(String labelsAsJson, String announceHead, String skipLocked, String lockRow) {
  /** The channel that head changes are announced on. */
  public static final String HEAD_CHANNEL = "labeltune_heads";

  /** SQLite: one connection writes at a time, so a plain read takes nothing further. */
  public static final SqlDialect SQLITE = new SqlDialect(
      "(SELECT json_group_array(json_array(l.name, l.text) ORDER BY l.position) FROM labels l WHERE l.task_id = t.id)",
      null, "", "");

  /** PostgreSQL: {@code NOTIFY} is delivered when the transaction commits, and only then. */
  public static final SqlDialect POSTGRESQL = new SqlDialect(
      "(SELECT COALESCE(json_agg(json_build_array(l.name, l.text) ORDER BY l.position), '[]'::json)::text "
          + "FROM labels l WHERE l.task_id = t.id)",
      "SELECT pg_notify('" + HEAD_CHANNEL + "', ?)",
      " FOR UPDATE OF j SKIP LOCKED", " FOR UPDATE");
}
