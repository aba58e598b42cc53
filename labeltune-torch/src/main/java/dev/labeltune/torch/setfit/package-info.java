/**
 * SetFit: contrastive fine-tuning on pairs of the examples, then logistic regression on the tuned
 * embeddings ({@link dev.labeltune.torch.setfit.SetFit}); the {@code setfit} and {@code setfit-lt}
 * evaluation methods.
 */
package dev.labeltune.torch.setfit;
