package dev.labeltune.classify;

import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.TaskSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A task's labels as zero-shot classification words them: each label's name, its verbalization or
 * description, and the hypothesis template, giving the text embedded for each label. Needs no encoder,
 * so code that only reads label texts never embeds anything. Immutable.
 *
 * <pre>{@code
 * LabelSet labels = LabelSet.builder().labels(List.of("billing", "shipping")).template("This ticket is about {}.").build();
 * labels.texts(); // ["This ticket is about billing.", "This ticket is about shipping."]
 * }</pre>
 *
 * @since 0.1
 */
public final class LabelSet {
  private final List<LabelSpec> specs;
  private final HypothesisTemplate template;

  private LabelSet(List<LabelSpec> specs, HypothesisTemplate template) {
    this.specs = specs;
    this.template = template;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param names label names, each verbalized by itself
   * @param task the task's template, verbalizations and descriptions
   * @return the labels worded by the task
   */
  public static LabelSet of(List<String> names, TaskSpec task) {
    return builder().labels(names).task(task).build();
  }

  /** @return label names, in order */
  public List<String> names() {
    return specs.stream().map(LabelSpec::name).toList();
  }

  /** @return the labels with their verbalizations and descriptions */
  public List<LabelSpec> specs() {
    return specs;
  }

  /** @return the hypothesis template */
  public HypothesisTemplate template() {
    return template;
  }

  /** @return the text embedded for each label, in order */
  public List<String> texts() {
    return specs.stream().map(l -> l.text(template)).toList();
  }

  /** @return the number of labels */
  public int size() {
    return specs.size();
  }

  /**
   * @param multiLabel whether the labels are decided one by one (one label is enough) or against each
   *     other (two are needed)
   * @return this set
   * @throws IllegalArgumentException if it has fewer labels than such a classifier needs
   */
  public LabelSet requireFor(boolean multiLabel) {
    int min = multiLabel ? 1 : 2;
    if (size() < min) {
      throw new IllegalArgumentException("A " + (multiLabel ? "multi-label" : "single-label")
          + " classifier needs at least " + min + " label" + (min > 1 ? "s" : "") + ", found " + size());
    }
    return this;
  }

  /** Collects labels and their wording. */
  public static final class Builder {
    private final Map<String, LabelSpec> labels = new LinkedHashMap<>();
    private HypothesisTemplate template = HypothesisTemplate.DEFAULT;

    private Builder() {}

    /**
     * Adds labels verbalized by their own names.
     *
     * @param names label names, no duplicates
     * @return this builder
     */
    public Builder labels(List<String> names) {
      names.forEach(n -> label(LabelSpec.of(n)));
      return this;
    }

    /**
     * Adds one label.
     *
     * @param label the label
     * @return this builder
     * @throws IllegalArgumentException if a label of that name was already added
     */
    public Builder label(LabelSpec label) {
      Objects.requireNonNull(label, "label");
      if (labels.putIfAbsent(label.name(), label) != null) {
        throw new IllegalArgumentException("Duplicate label '" + label.name() + "'");
      }
      return this;
    }

    /**
     * @param pattern a template with one {@code {}}
     * @return this builder
     */
    public Builder template(String pattern) {
      return template(new HypothesisTemplate(pattern));
    }

    /**
     * @param template the hypothesis template
     * @return this builder
     */
    public Builder template(HypothesisTemplate template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * Replaces the words that stand for some labels inside the template.
     *
     * @param verbalizations label name to words
     * @return this builder
     * @throws IllegalArgumentException if a key is not a label added before
     */
    public Builder verbalizations(Map<String, String> verbalizations) {
      verbalizations.forEach((name, words) -> {
        LabelSpec old = existing(name);
        labels.put(name, new LabelSpec(name, words, old.description()));
      });
      return this;
    }

    /**
     * Gives some labels a free description used instead of the templated hypothesis.
     *
     * @param descriptions label name to description
     * @return this builder
     * @throws IllegalArgumentException if a key is not a label added before
     */
    public Builder descriptions(Map<String, String> descriptions) {
      descriptions.forEach((name, text) -> {
        LabelSpec old = existing(name);
        labels.put(name, new LabelSpec(name, old.verbalization(), text));
      });
      return this;
    }

    private LabelSpec existing(String name) {
      LabelSpec spec = labels.get(name);
      if (spec == null) {
        throw new IllegalArgumentException("Unknown label '" + name + "': expected one of " + labels.keySet());
      }
      return spec;
    }

    /**
     * Applies a task's wording to the labels added so far: its template (if it has one), and the
     * verbalizations and descriptions of those labels; wording for other labels is ignored.
     *
     * @param task the task's wording
     * @return this builder
     */
    public Builder task(TaskSpec task) {
      task.template().ifPresent(this::template);
      task.verbalizations().forEach((name, words) -> {
        if (labels.containsKey(name)) {
          verbalizations(Map.of(name, words));
        }
      });
      task.descriptions().forEach((name, text) -> {
        if (labels.containsKey(name)) {
          descriptions(Map.of(name, text));
        }
      });
      return this;
    }

    /**
     * @return the label set; how many labels a use needs is that use's to check
     * @throws IllegalArgumentException if two labels share one text
     */
    public LabelSet build() {
      Set<String> texts = new HashSet<>();
      for (LabelSpec spec : labels.values()) {
        if (!texts.add(spec.text(template))) {
          throw new IllegalArgumentException("Two labels share the text '" + spec.text(template)
              + "'; give them distinct verbalizations or descriptions");
        }
      }
      return new LabelSet(List.copyOf(labels.values()), template);
    }
  }
}
