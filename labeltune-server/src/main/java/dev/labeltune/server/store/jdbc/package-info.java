/**
 * Plain JDBC shared by every SQL dialect's store: statements with binders and row mappers,
 * transactions that span several data-access objects, and failures turned into {@link
 * dev.labeltune.server.domain.StoreException}.
 */
package dev.labeltune.server.store.jdbc;
