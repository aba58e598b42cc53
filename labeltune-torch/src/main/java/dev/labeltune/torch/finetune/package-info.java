/**
 * Full fine-tuning of the encoder with batch softmax against the label texts ({@link
 * dev.labeltune.torch.finetune.FineTuner}), its options and result, and the {@code ft} evaluation
 * method that also serves as a distillation teacher.
 */
package dev.labeltune.torch.finetune;
