package dev.labeltune.server.domain;

/**
 * A task's active head as stored, for loading at start-up.
 *
 * @param taskId the task
 * @param tenantId the tenant that owns it
 * @param version the active version
 * @param head the head file's bytes
 */
public record ActiveHead(String taskId, long tenantId, int version, byte[] head) {}
