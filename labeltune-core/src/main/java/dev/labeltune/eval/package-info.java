/**
 * The evaluation protocol ({@link dev.labeltune.eval.Evaluation}): seeded few-shot sampling,
 * methods under comparison, and classification metrics.
 */
package dev.labeltune.eval;
