package dev.labeltune.server.domain;

/**
 * A job a replica took from the queue, with the lease it now holds.
 *
 * @param job the job, now running
 * @param tenantId the tenant of its task
 * @param attempt how many times it has been taken, this time included (above 1 after a replica died)
 */
public record JobClaim(Job job, long tenantId, int attempt) {}
