package dev.labeltune.server.domain;

/**
 * A task's active head as stored, for loading at start-up.
 *
 * @param taskId the task
 * @param tenantId the tenant that owns it
 * @param version the active version, 0 if none
 * @param head the head file's bytes, null if the task has no active head
 */
public record ActiveHead(String taskId, long tenantId, int version, byte[] head) {}
