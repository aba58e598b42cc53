/**
 * The store in a PostgreSQL database, for several replicas of the service: a HikariCP pool of
 * connections, the schema migrated by Flyway from {@code db/migration/postgresql} (the same numbered
 * history as SQLite's), and the shared data-access objects in the PostgreSQL dialect.
 */
package dev.labeltune.server.store.postgres;
