package dev.labeltune.server.domain;

import java.time.Instant;

/**
 * A tenant: its tasks, examples and jobs are seen only with one of its keys.
 *
 * @param id the tenant's number
 * @param name its unique name
 * @param created when it was created
 */
public record Tenant(long id, String name, Instant created) {}
