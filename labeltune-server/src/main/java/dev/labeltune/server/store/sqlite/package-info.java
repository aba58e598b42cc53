/**
 * The store in one embedded SQLite file: {@link dev.labeltune.server.store.sqlite.SqliteStore} opens
 * and migrates it, and one data-access class per aggregate runs its SQL.
 */
package dev.labeltune.server.store.sqlite;
