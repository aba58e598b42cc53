package dev.labeltune.classify;

import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Siamese zero-shot classification: texts and label hypotheses are embedded by the same encoder and
 * a text's score for a label is the dot product of the two embeddings.
 *
 * <p>Label embeddings are computed once, when the classifier is built, so classifying a text costs
 * one encoder call whatever the number of labels. Instances are immutable and thread-safe; they do
 * not own the encoder.
 *
 * <pre>{@code
 * ZeroShotClassifier classifier = ZeroShotClassifier.builder(encoder)
 *     .labels(List.of("billing", "shipping", "technical problem"))
 *     .template("This ticket is about {}.")
 *     .build();
 * String label = classifier.classify("I was charged twice").label();
 * }</pre>
 *
 * @since 0.1
 */
public final class ZeroShotClassifier {
  private final Encoder encoder;
  private final List<LabelSpec> labels;
  private final List<String> names;
  private final HypothesisTemplate template;
  private final ScoringOptions scoring;
  private final float[][] labelEmbeddings;

  private ZeroShotClassifier(Builder b) {
    this.encoder = b.encoder;
    this.labels = List.copyOf(b.labels.values());
    this.names = List.copyOf(b.labels.keySet());
    this.template = b.template;
    this.scoring = b.scoring;
    this.labelEmbeddings = encoder.embedBatch(labels.stream().map(l -> l.text(template)).toList());
  }

  /**
   * @param encoder the shared encoder; not closed by the classifier
   * @return a builder
   */
  public static Builder builder(Encoder encoder) {
    return new Builder(encoder);
  }

  /** @return label names in score order */
  public List<String> labels() {
    return names;
  }

  /** @return the labels with their verbalizations and descriptions */
  public List<LabelSpec> labelSpecs() {
    return labels;
  }

  /** @return the texts embedded for each label */
  public List<String> labelTexts() {
    return labels.stream().map(l -> l.text(template)).toList();
  }

  /** @return the hypothesis template */
  public HypothesisTemplate template() {
    return template;
  }

  /** @return how scores become predictions */
  public ScoringOptions scoring() {
    return scoring;
  }

  /** @return a copy of the K x d label embeddings */
  public float[][] labelEmbeddings() {
    return Vectors.copy(labelEmbeddings);
  }

  /**
   * @param text a non-blank text
   * @return its prediction
   */
  public Prediction classify(String text) {
    return classifyBatch(List.of(Objects.requireNonNull(text, "text"))).get(0);
  }

  /**
   * @param texts non-blank texts
   * @return one prediction per text, in order, saying whether the text was truncated or had no
   *     known token
   */
  public List<Prediction> classifyBatch(List<String> texts) {
    TextEmbeddings embeddings = encoder.embedTexts(texts);
    float[][] scores = Vectors.dotRows(labelEmbeddings, embeddings.vectors());
    List<Prediction> out = new ArrayList<>(scores.length);
    for (float[] row : scores) {
      out.add(scoring.predict(names, row));
    }
    return Prediction.withNotes(out, embeddings);
  }

  /**
   * Raw scores of texts against every label.
   *
   * @param texts non-blank texts
   * @return one row of K scores per text
   */
  public float[][] scores(List<String> texts) {
    return Vectors.dotRows(labelEmbeddings, encoder.embedBatch(texts));
  }

  /** Collects labels, template and scoring options; {@link #build()} embeds the label texts. */
  public static final class Builder {
    private final Encoder encoder;
    private final Map<String, LabelSpec> labels = new LinkedHashMap<>();
    private HypothesisTemplate template = HypothesisTemplate.DEFAULT;
    private ScoringOptions scoring;

    private Builder(Encoder encoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      this.scoring = ScoringOptions.defaults().withTemperature(encoder.info().config().temperature());
    }

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
     * @param scoring temperature, multi-label mode and top-k
     * @return this builder
     */
    public Builder scoring(ScoringOptions scoring) {
      this.scoring = Objects.requireNonNull(scoring, "scoring");
      return this;
    }

    /**
     * Embeds the label texts and returns the classifier.
     *
     * @return the classifier
     * @throws IllegalArgumentException if there are fewer than two labels in single-label mode, or
     *     none in multi-label mode, or two labels share one text
     */
    public ZeroShotClassifier build() {
      int min = scoring.multiLabel() ? 1 : 2;
      if (labels.size() < min) {
        throw new IllegalArgumentException("A " + (scoring.multiLabel() ? "multi-label" : "single-label")
            + " classifier needs at least " + min + " label" + (min > 1 ? "s" : "") + ", found " + labels.size());
      }
      Set<String> texts = new HashSet<>();
      for (LabelSpec spec : labels.values()) {
        if (!texts.add(spec.text(template))) {
          throw new IllegalArgumentException("Two labels share the text '" + spec.text(template)
              + "'; give them distinct verbalizations or descriptions");
        }
      }
      return new ZeroShotClassifier(this);
    }
  }
}
