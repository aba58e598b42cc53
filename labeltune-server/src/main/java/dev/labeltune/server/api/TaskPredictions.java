package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Several tasks' predictions.
 *
 * @param results per task id, one prediction per text, in order
 */
public record TaskPredictions(@JsonProperty(required = true) Map<String, List<PredictionResponse>> results) {}
