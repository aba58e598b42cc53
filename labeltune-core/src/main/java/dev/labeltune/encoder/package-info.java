/**
 * Sentence encoders: the {@link dev.labeltune.encoder.Encoder} contract, its ONNX Runtime
 * implementation {@link dev.labeltune.encoder.OnnxEncoder}, and the
 * {@link dev.labeltune.encoder.ModelRegistry} that resolves built-in names and model directories.
 */
package dev.labeltune.encoder;
