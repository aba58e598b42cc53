package dev.labeltune.server.domain;

/**
 * A task's active head as stored, for serving it.
 *
 * @param taskId the task
 * @param tenantId the tenant that owns it
 * @param version the active version, 0 if none
 * @param serial how many times the task's active head has changed: a higher serial is a newer head
 * @param head the head file's bytes, null if the task has no active head
 */
public record ActiveHead(String taskId, long tenantId, int version, long serial, byte[] head) {}
