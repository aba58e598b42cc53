/**
 * The LabelTune service: one encoder, many tasks over HTTP. {@link dev.labeltune.server.LabelTuneServer}
 * wires the task store, the encoding batcher, the active heads and the HTTP routes.
 */
package dev.labeltune.server;
