/**
 * The network every trainer of this module shares: BERT-family blocks on DJL's PyTorch engine, read
 * from and written back into the encoder's own ONNX graph ({@link dev.labeltune.torch.network.TrainableEncoder}),
 * attention, and the training steps and settings the trainers have in common. Public for the method
 * packages beside it ({@code finetune}, {@code setfit}, {@code ytuning}), which depend on it and not on
 * each other (SetFit aside, which fine-tunes); not an API of its own.
 */
package dev.labeltune.torch.network;
