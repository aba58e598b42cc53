package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One task's predictions.
 *
 * @param predictions one per text, in order
 */
public record Predictions(@JsonProperty(required = true) List<PredictionResponse> predictions) {}
