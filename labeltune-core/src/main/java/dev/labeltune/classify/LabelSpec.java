package dev.labeltune.classify;

import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabelNames;
import dev.labeltune.data.Texts;
import java.util.Objects;

/**
 * A label and the text that stands for it when embedded: either its verbalization put into the
 * task's hypothesis template, or a free description used as it is.
 *
 * @param name the label name returned in predictions
 * @param verbalization the words put into the template (often the name itself)
 * @param description a text that replaces the templated hypothesis, or null
 * @since 0.1
 */
public record LabelSpec(String name, String verbalization, String description) {

  /** Validates the values. */
  public LabelSpec {
    LabelNames.check(name);
    Objects.requireNonNull(verbalization, "verbalization");
    if (!Texts.hasVisibleContent(verbalization)) {
      throw new IllegalArgumentException("The verbalization of label '" + name + "' must not be blank");
    }
    if (description != null && !Texts.hasVisibleContent(description)) {
      throw new IllegalArgumentException("The description of label '" + name + "' must not be blank");
    }
  }

  /** @param name a label verbalized by its own name @return the spec */
  public static LabelSpec of(String name) {
    return new LabelSpec(name, name, null);
  }

  /**
   * @param template the task's template
   * @return the text to embed for this label
   */
  public String text(HypothesisTemplate template) {
    return description != null ? description : template.apply(verbalization);
  }
}
