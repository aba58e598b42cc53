/**
 * Helpers shared by LabelTune's modules that are not part of its API: they may change without
 * notice and never appear in a public signature.
 */
package dev.labeltune.internal;
