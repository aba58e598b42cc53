package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.server.domain.PoolSuggestion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/tasks/{id}/suggestions}: the pool texts most worth labeling next.
 *
 * @param strategy how they were chosen
 * @param suggestions the texts, the most worth labeling first
 */
public record SuggestionList(@JsonProperty(required = true) String strategy,
    @JsonProperty(required = true) List<Item> suggestions) {
  /**
   * One text to label.
   *
   * @param id its pool id, for labeling it
   * @param text the text
   * @param label the label the task's head predicts now
   * @param probability that label's probability
   * @param margin the top probability minus the second: 0 is a coin toss
   * @param probabilities every label's probability
   */
  public record Item(long id, @JsonProperty(required = true) String text, @JsonProperty(required = true) String label,
      double probability, double margin, @JsonProperty(required = true) Map<String, Double> probabilities) {}

  /** @return the response */
  public static SuggestionList of(String strategy, List<PoolSuggestion> chosen) {
    return new SuggestionList(strategy, chosen.stream().map(c -> {
      Map<String, Double> probabilities = new LinkedHashMap<>();
      for (LabelScore s : c.suggestion().prediction().scores()) {
        probabilities.put(s.label(), s.probability());
      }
      return new Item(c.text().id(), c.text().text(), c.suggestion().prediction().label(),
          c.suggestion().prediction().probability(), c.suggestion().margin(), probabilities);
    }).toList());
  }
}
