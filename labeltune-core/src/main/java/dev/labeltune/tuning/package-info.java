/**
 * Label tuning in plain Java: the objective with its closed-form gradient, the cross-validated
 * {@link dev.labeltune.tuning.LabelTuner}, and the logistic-regression baseline.
 */
package dev.labeltune.tuning;
