/**
 * Classification by similarity between text and label embeddings: label specs, scoring
 * options and the {@link dev.labeltune.classify.ZeroShotClassifier}.
 */
package dev.labeltune.classify;
