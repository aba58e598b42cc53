package dev.labeltune.server.domain;

import dev.labeltune.active.Suggestion;

/**
 * A pool text worth labeling next.
 *
 * @param text the text
 * @param suggestion the current head's prediction and margin for it
 */
public record PoolSuggestion(PoolText text, Suggestion suggestion) {}
