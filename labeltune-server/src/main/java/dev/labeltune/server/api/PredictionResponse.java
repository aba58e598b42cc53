package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One text's prediction.
 *
 * @param label the most probable label
 * @param labels every label over the threshold, for a multi-label task
 * @param probabilities the labels' probabilities, best first (the top k if asked)
 * @param truncated whether the text was cut to the model's length
 * @param noKnownTokens whether the model knew none of its tokens (the prediction is then a guess)
 */
public record PredictionResponse(@JsonProperty(required = true) String label, List<String> labels,
    @JsonProperty(required = true) Map<String, Double> probabilities, boolean truncated, boolean noKnownTokens) {

  /** @return a task's predictions as sent */
  public static List<PredictionResponse> of(List<Prediction> predictions, boolean multiLabel) {
    return predictions.stream().map(p -> of(p, multiLabel)).toList();
  }

  private static PredictionResponse of(Prediction p, boolean multiLabel) {
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (LabelScore s : p.scores()) {
      probabilities.put(s.label(), s.probability());
    }
    return new PredictionResponse(p.label(), multiLabel ? p.labels() : null, probabilities, p.truncated(),
        p.noKnownTokens());
  }
}
