/**
 * LabelTune's public exceptions. Encoders live in {@code dev.labeltune.encoder}, classifiers in
 * {@code dev.labeltune.classify}, data and metrics in {@code dev.labeltune.data} and
 * {@code dev.labeltune.eval}.
 */
package dev.labeltune;
