package dev.labeltune.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a task's labels are put into words for zero-shot scoring, as read from a {@code task.json}:
 * {@code {"template": "It is {} news.", "labels": {"Sci/Tech": "science and technology"},
 * "descriptions": {...}}}. A label missing from {@code labels} is verbalized by its own name.
 *
 * @param template the hypothesis template, if the task gives one
 * @param verbalizations label name to the words put into the template
 * @param descriptions label name to a free text used instead of the template
 * @since 0.1
 */
public record TaskSpec(Optional<HypothesisTemplate> template, Map<String, String> verbalizations,
    Map<String, String> descriptions) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the maps. */
  public TaskSpec {
    verbalizations = Map.copyOf(verbalizations);
    descriptions = Map.copyOf(descriptions);
  }

  /** @return a task with no template and no verbalizations */
  public static TaskSpec empty() {
    return new TaskSpec(Optional.empty(), Map.of(), Map.of());
  }

  /**
   * @param file a {@code task.json}
   * @return the task's wording
   * @throws IOException if the file cannot be read
   * @throws DataFormatException if it is not of the expected shape
   */
  public static TaskSpec read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DataFormatException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new DataFormatException(file.toString(), 0, "expected a JSON object");
    }
    Optional<HypothesisTemplate> template = Optional.empty();
    JsonNode t = root.get("template");
    if (t != null && !t.isNull()) {
      try {
        template = Optional.of(new HypothesisTemplate(t.asText()));
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(file.toString(), 0, e.getMessage());
      }
    }
    return new TaskSpec(template, stringMap(root, "labels", file), stringMap(root, "descriptions", file));
  }

  private static Map<String, String> stringMap(JsonNode root, String field, Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new DataFormatException(file.toString(), 0, "'" + field + "' must map label names to strings");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
        throw new DataFormatException(file.toString(), 0, "'" + field + "." + e.getKey() + "' must be a non-empty string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
