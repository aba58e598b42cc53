package dev.labeltune.server.domain;

import java.time.Instant;

/**
 * An unlabeled text in a task's pool.
 *
 * @param id its number
 * @param text the text
 * @param created when it was added
 */
public record PoolText(long id, String text, Instant created) {}
