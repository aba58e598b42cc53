/**
 * Classification metrics: accuracy, per-class and macro F1 with confusion matrices, multi-label
 * scores and calibration error. Shared by cross-validation inside label tuning and by the
 * evaluation protocol, and depending on neither.
 */
package dev.labeltune.metrics;
