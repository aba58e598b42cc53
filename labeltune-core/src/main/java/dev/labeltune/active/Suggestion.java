package dev.labeltune.active;

import dev.labeltune.classify.Prediction;

/**
 * A text of the pool worth labeling next.
 *
 * @param index its position in the pool
 * @param prediction what the current head predicts for it
 * @param margin how sure the head is: the top probability minus the second (for a multi-label head,
 *     twice the smallest distance of a label's probability from the threshold); 0 is a coin toss
 * @since 0.1
 */
public record Suggestion(int index, Prediction prediction, double margin) {}
