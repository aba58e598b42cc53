package dev.labeltune.head;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.Prediction;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.TextEmbeddings;
import java.util.List;
import java.util.Objects;

/**
 * A task head bound to the shared encoder it was trained for. Binding checks the encoder's weight
 * fingerprint, so a head never silently scores embeddings of another model. Thread-safe; it does
 * not own the encoder.
 *
 * @since 0.1
 */
public final class TextClassifier {
  private final Encoder encoder;
  private final TaskHead head;

  private TextClassifier(Encoder encoder, TaskHead head) {
    this.encoder = encoder;
    this.head = head;
  }

  /**
   * @param encoder the shared encoder
   * @param head a head trained for that encoder
   * @return the classifier
   * @throws IncompatibleHeadException if the head was made for another encoder
   */
  static TextClassifier bind(Encoder encoder, TaskHead head) {
    Objects.requireNonNull(encoder, "encoder");
    checkCompatible(encoder.info(), head);
    return new TextClassifier(encoder, head);
  }

  /**
   * Checks, without binding, that a head was trained for an encoder: what a job checks once, before
   * it hands the head to its workers.
   *
   * @param info the encoder's identity
   * @param head the head
   * @throws IncompatibleHeadException if the head was made for another encoder
   */
  public static void checkCompatible(EncoderInfo info, TaskHead head) {
    Objects.requireNonNull(head, "head");
    HeadProvenance p = head.provenance();
    info.requireTrainedOn("head", p.encoderName(), p.encoderFingerprint(), p.dimension());
  }

  /** @return the head */
  public TaskHead head() {
    return head;
  }

  /**
   * @param text a non-blank text
   * @return its prediction
   */
  public Prediction classify(String text) {
    return classifyBatch(List.of(Objects.requireNonNull(text, "text")), 0).get(0);
  }

  /**
   * @param texts non-blank texts
   * @param topK label scores listed per prediction, 0 for all
   * @return one prediction per text, saying whether the text was truncated or had no known token
   */
  public List<Prediction> classifyBatch(List<String> texts, int topK) {
    TextEmbeddings embeddings = encoder.embedTexts(texts);
    return Prediction.withNotes(head.predictBatch(embeddings.vectors(), topK), embeddings);
  }
}
