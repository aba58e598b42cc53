package dev.labeltune.data;

import java.util.Objects;

/**
 * A sentence with one {@code {}} placeholder that turns a label into a text the encoder can embed,
 * e.g. {@code "This text is about {}."}.
 *
 * @param pattern the template
 * @since 0.1
 */
public record HypothesisTemplate(String pattern) {
  /** The template used when none is given. */
  public static final HypothesisTemplate DEFAULT = new HypothesisTemplate("This text is about {}.");

  /** Checks that the pattern holds exactly one {@code {}}. */
  public HypothesisTemplate {
    Objects.requireNonNull(pattern, "pattern");
    int first = pattern.indexOf("{}");
    if (first < 0 || pattern.indexOf("{}", first + 2) >= 0) {
      throw new IllegalArgumentException(
          "A hypothesis template must contain '{}' exactly once, found '" + pattern + "'");
    }
  }

  /**
   * @param verbalization the words standing for a label
   * @return the template with the placeholder replaced
   */
  public String apply(String verbalization) {
    return pattern.replace("{}", verbalization);
  }
}
