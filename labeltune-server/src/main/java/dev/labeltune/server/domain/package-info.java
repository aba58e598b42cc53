/**
 * The service's values: tenants, keys, tasks with their labels, examples, head versions and tuning
 * jobs, as immutable records shared by the store, the services and the API's mapping.
 */
package dev.labeltune.server.domain;
