package dev.labeltune.classify;

import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.math.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
  private final LabelSet labels;
  private final List<String> names;
  private final ScoringOptions scoring;
  private final float[][] labelEmbeddings;

  private ZeroShotClassifier(Encoder encoder, LabelSet labels, ScoringOptions scoring) {
    this.encoder = encoder;
    this.labels = labels;
    this.names = labels.names();
    this.scoring = scoring;
    this.labelEmbeddings = encoder.embedBatch(labels.texts());
  }

  /**
   * Embeds the label texts and returns the classifier.
   *
   * @param encoder the shared encoder; not closed by the classifier
   * @param labels the labels and their wording
   * @param scoring temperature, multi-label mode and top-k
   * @return the classifier
   * @throws IllegalArgumentException if there are fewer than two labels in single-label mode
   */
  public static ZeroShotClassifier of(Encoder encoder, LabelSet labels, ScoringOptions scoring) {
    Objects.requireNonNull(encoder, "encoder");
    return new ZeroShotClassifier(encoder, labels.requireFor(scoring.multiLabel()), scoring);
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
    return labels.specs();
  }

  /** @return the labels and their wording */
  public LabelSet labelSet() {
    return labels;
  }

  /** @return the texts embedded for each label */
  public List<String> labelTexts() {
    return labels.texts();
  }

  /** @return the hypothesis template */
  public HypothesisTemplate template() {
    return labels.template();
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
    private final LabelSet.Builder labels = LabelSet.builder();
    private ScoringOptions scoring;

    private Builder(Encoder encoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      this.scoring = ScoringOptions.defaults().withTemperature(encoder.info().config().temperature());
    }

    /** @see LabelSet.Builder#labels @param names label names, no duplicates @return this builder */
    public Builder labels(List<String> names) {
      labels.labels(names);
      return this;
    }

    /** @see LabelSet.Builder#label @param label the label @return this builder */
    public Builder label(LabelSpec label) {
      labels.label(label);
      return this;
    }

    /** @param pattern a template with one {@code {}} @return this builder */
    public Builder template(String pattern) {
      labels.template(pattern);
      return this;
    }

    /** @param template the hypothesis template @return this builder */
    public Builder template(HypothesisTemplate template) {
      labels.template(template);
      return this;
    }

    /** @see LabelSet.Builder#verbalizations @param verbalizations label name to words @return this builder */
    public Builder verbalizations(Map<String, String> verbalizations) {
      labels.verbalizations(verbalizations);
      return this;
    }

    /** @see LabelSet.Builder#descriptions @param descriptions label name to description @return this builder */
    public Builder descriptions(Map<String, String> descriptions) {
      labels.descriptions(descriptions);
      return this;
    }

    /** @see LabelSet.Builder#task @param task the task's wording @return this builder */
    public Builder task(TaskSpec task) {
      labels.task(task);
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
      return of(encoder, labels.build(), scoring);
    }
  }
}
