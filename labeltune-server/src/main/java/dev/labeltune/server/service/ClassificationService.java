package dev.labeltune.server.service;

import dev.labeltune.classify.Prediction;
import dev.labeltune.data.Texts;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * Classification: each text is encoded once (through the {@link EncodingBatcher}, shared with
 * concurrent requests) and scored by every asked task's head on the calling thread, so the encoder's
 * thread does nothing but encode. Every task is served from its creation (a zero-shot head first),
 * and served heads carry their tenant: the hot path reads no database. A task this process does not
 * serve is looked up in the store once per request (one made on another replica a moment ago is
 * served at once, not after its news arrives); a task that exists nowhere is a 404.
 */
public final class ClassificationService {
  /** Why a task whose head could not be read or checked is not served. */
  static final String NO_USABLE_HEAD = "has no usable head (see /info); upload or tune one";
  private final ActiveHeads active;
  private final TaskHeads heads;
  private final EncodingBatcher batcher;

  ClassificationService(TaskHeads heads, EncodingBatcher batcher) {
    this.active = heads.active();
    this.heads = heads;
    this.batcher = batcher;
  }

  /**
   * One task's answers.
   *
   * @param predictions one per text, in order
   * @param multiLabel whether the task's head is multi-label
   */
  public record Classified(List<Prediction> predictions, boolean multiLabel) {}

  /**
   * Classifies texts with several tasks, encoding each text once.
   *
   * @param taskIds the tasks, each the tenant's
   * @param texts texts with visible content
   * @param topK labels listed per prediction, 0 for all
   * @param threshold a multi-label threshold replacing the heads' own, or NaN
   * @return per task (in order), one prediction per text (in order)
   */
  public List<Classified> classify(long tenantId, List<String> taskIds, List<String> texts, int topK, double threshold)
      throws InterruptedException {
    List<TaskHead> chosen = new ArrayList<>(taskIds.size());
    for (String id : taskIds) {
      Optional<TaskHead> head = active.get(tenantId, id);
      if (head.isEmpty() && !active.unusable(tenantId, id)) {
        // A task another replica made a moment ago, whose news has not arrived yet: the store knows it.
        heads.refresh(id);
        head = active.get(tenantId, id);
      }
      if (head.isEmpty() && active.unusable(tenantId, id)) {
        throw ActiveHeads.unavailable(id, NO_USABLE_HEAD);
      } else if (head.isEmpty()) {
        throw TaskService.notFound(id);
      }
      chosen.add(head.get());
    }
    for (int i = 0; i < texts.size(); i++) {
      if (!Texts.hasVisibleContent(texts.get(i))) {
        throw ServiceException.of(Kind.UNPROCESSABLE, "'texts'[" + i + "] is blank; there is nothing to classify");
      }
    }
    TextEmbeddings embeddings;
    try {
      embeddings = batcher.submit(texts).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (CancellationException e) {
      throw ServiceException.unavailable("The server is shutting down");
    }
    List<Classified> out = new ArrayList<>(chosen.size());
    for (TaskHead head : chosen) {
      out.add(new Classified(Prediction.withNotes(score(head, embeddings, topK, threshold), embeddings),
          head.multiLabel()));
    }
    return out;
  }

  private static List<Prediction> score(TaskHead head, TextEmbeddings embeddings, int topK, double threshold) {
    TaskHead deciding = head.multiLabel() && !Double.isNaN(threshold) ? head.withThreshold(threshold) : head;
    return deciding.predictBatch(embeddings.vectors(), topK);
  }
}
