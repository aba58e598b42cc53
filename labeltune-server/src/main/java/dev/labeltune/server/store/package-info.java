/**
 * The durable state of the service behind one interface per aggregate ({@link
 * dev.labeltune.server.store.TenantStore}, {@link dev.labeltune.server.store.TaskStore}, {@link
 * dev.labeltune.server.store.ExampleStore}, {@link dev.labeltune.server.store.HeadStore}, {@link
 * dev.labeltune.server.store.JobStore}), gathered by {@link dev.labeltune.server.store.Store}. A SQL
 * dialect is one set of implementations of these interfaces; the store knows nothing of HTTP.
 */
package dev.labeltune.server.store;
