/**
 * Active few-shot learning: which unlabeled texts to label next. {@link
 * dev.labeltune.active.ActiveSelector} ranks a pool of embedded texts by a {@link
 * dev.labeltune.active.SelectionStrategy} (random, margin, entropy, least confidence, k-means cold
 * start, k-means over the most uncertain then margin) from any head's predictions, zero-shot ones
 * included.
 */
package dev.labeltune.active;
