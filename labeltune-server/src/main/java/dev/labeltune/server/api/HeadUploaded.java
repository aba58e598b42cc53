package dev.labeltune.server.api;

/**
 * An uploaded head, stored as the active version.
 *
 * @param version its number
 */
public record HeadUploaded(int version) {}
