package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /info}: the model, the tasks served and the limits.
 *
 * @param model the encoder's name
 * @param fingerprint its weights' fingerprint
 * @param dimension its embedding size
 * @param maxTokens tokens per text before truncation
 * @param tasks tasks stored, every tenant's
 * @param servedHeads heads being served
 * @param headProblems heads that could not be served, and why
 * @param auth whether keys are required
 * @param limits the request limits
 */
public record ServerInfo(@JsonProperty(required = true) String model, @JsonProperty(required = true) String fingerprint,
    int dimension, int maxTokens, long tasks, int servedHeads, @JsonProperty(required = true) List<String> headProblems,
    boolean auth, @JsonProperty(required = true) Limits limits) {
  /**
   * @param maxTextsPerRequest most texts in a classify request
   * @param maxBodyBytes largest request body
   * @param queueTexts most texts waiting for the encoder
   * @param batchTokens padded tokens per forward pass
   * @param headMaxLabels most labels of a head
   * @param headMaxFileBytes largest head file
   */
  public record Limits(int maxTextsPerRequest, long maxBodyBytes, int queueTexts, int batchTokens, int headMaxLabels,
      long headMaxFileBytes) {}
}
