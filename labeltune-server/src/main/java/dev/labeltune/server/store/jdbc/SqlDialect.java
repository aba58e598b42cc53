package dev.labeltune.server.store.jdbc;

/**
 * The few places where the SQL of the stores differs between databases; everything else is the
 * standard SQL both run.
 *
 * @param name the database's name, for messages
 * @param labelsAsJson a scalar subquery giving the labels of task {@code t} as a JSON array of
 *     {@code [name, text]} pairs in position order
 * @param lockTask a query that takes the task row with id {@code ?} for the rest of the transaction,
 *     so concurrent writers of one task's versions queue up
 * @param announceHead a query announcing, on commit, that the head of task {@code ?} changed, or
 *     null where only one process writes
 */
public record SqlDialect(String name, String labelsAsJson, String lockTask, String announceHead) {
  /** The channel that head changes are announced on. */
  public static final String HEAD_CHANNEL = "labeltune_heads";

  /** SQLite: one connection writes at a time, so a plain read takes nothing further. */
  public static final SqlDialect SQLITE = new SqlDialect("SQLite",
      "(SELECT json_group_array(json_array(l.name, l.text) ORDER BY l.position) FROM labels l WHERE l.task_id = t.id)",
      "SELECT id FROM tasks WHERE id = ?", null);

  /** PostgreSQL: {@code NOTIFY} is delivered when the transaction commits, and only then. */
  public static final SqlDialect POSTGRESQL = new SqlDialect("PostgreSQL",
      "(SELECT COALESCE(json_agg(json_build_array(l.name, l.text) ORDER BY l.position), '[]'::json)::text "
          + "FROM labels l WHERE l.task_id = t.id)",
      "SELECT id FROM tasks WHERE id = ? FOR UPDATE", "SELECT pg_notify('" + HEAD_CHANNEL + "', ?)");
}
