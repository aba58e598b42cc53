package dev.labeltune.server.store.jdbc;

import dev.labeltune.server.store.ExampleStore;
import dev.labeltune.server.store.HeadChanges;
import dev.labeltune.server.store.HeadStore;
import dev.labeltune.server.store.JobStore;
import dev.labeltune.server.store.PoolStore;
import dev.labeltune.server.store.Store;
import dev.labeltune.server.store.TaskStore;
import dev.labeltune.server.store.TenantStore;

/**
 * The store over JDBC: the same data-access objects for every database, told apart only by their
 * {@link SqlDialect}. A database's store opens its connections and migrates its schema, then hands
 * them here.
 */
public class JdbcStore implements Store {
  private final Jdbc jdbc;
  private final TenantStore tenants;
  private final TaskStore tasks;
  private final ExampleStore examples;
  private final HeadStore heads;
  private final JobStore jobs;
  private final PoolStore pools;

  /**
   * @param jdbc the database's connections; closed with the store
   * @param dialect its SQL dialect
   */
  protected JdbcStore(Jdbc jdbc, SqlDialect dialect) {
    this.jdbc = jdbc;
    JdbcHeads versions = new JdbcHeads(jdbc, dialect);
    this.tenants = new JdbcTenants(jdbc);
    this.heads = versions;
    this.tasks = new JdbcTasks(jdbc, dialect, versions);
    JdbcExamples examples = new JdbcExamples(jdbc);
    this.examples = examples;
    this.pools = new JdbcPools(jdbc, dialect, examples);
    this.jobs = new JdbcJobs(jdbc, dialect, versions);
  }

  /** @return the connections, for checks a database of its own offers */
  protected Jdbc jdbc() {
    return jdbc;
  }

  @Override
  public TenantStore tenants() {
    return tenants;
  }

  @Override
  public TaskStore tasks() {
    return tasks;
  }

  @Override
  public ExampleStore examples() {
    return examples;
  }

  @Override
  public HeadStore heads() {
    return heads;
  }

  @Override
  public JobStore jobs() {
    return jobs;
  }

  @Override
  public PoolStore pools() {
    return pools;
  }

  @Override
  public HeadChanges headChanges() {
    return HeadChanges.NONE;
  }

  @Override
  public void close() {
    jdbc.close();
  }
}
