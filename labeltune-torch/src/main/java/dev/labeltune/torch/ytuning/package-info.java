/**
 * Y-Tuning: a small label decoder trained over the frozen encoder's token states ({@link
 * dev.labeltune.torch.ytuning.YTuner}), its head file ({@link dev.labeltune.torch.ytuning.YTunedHead}),
 * bound to a shared encoder as task heads are, and the {@code ytune} evaluation method.
 */
package dev.labeltune.torch.ytuning;
