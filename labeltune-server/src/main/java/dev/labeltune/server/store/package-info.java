/**
 * The durable task store: tenants, hashed API keys, tasks, labels, examples, head versions and
 * tuning jobs behind the {@link dev.labeltune.server.store.TaskStore} interface, with its SQLite
 * implementation and versioned schema migrations. The store knows nothing of HTTP.
 */
package dev.labeltune.server.store;
