package dev.labeltune.server.store;

import dev.labeltune.server.domain.Example;
import dev.labeltune.server.domain.PoolText;
import java.util.List;
import java.util.Optional;

/** The unlabeled pools of tasks, with their texts' embeddings; callers have checked the task is the tenant's. */
public interface PoolStore {
  /**
   * Adds texts in one transaction, skipping any the task's pool already holds.
   *
   * @param embeddings each text's embedding
   * @return per text, in order, the stored text, or empty if it was already in the pool
   */
  List<Optional<PoolText>> add(String taskId, List<String> texts, List<float[]> embeddings);

  /** @return how many texts the task's pool holds */
  long count(String taskId);

  /** @return how many texts every pool holds */
  long countAll();

  /** @return the text with that id in the task's pool, if any */
  Optional<PoolText> get(String taskId, long id);

  /** @return up to {@code limit} texts with an id above {@code afterId}, in id order */
  List<PoolText> page(String taskId, long afterId, int limit);

  /**
   * The whole pool with its embeddings, for choosing what to label.
   *
   * @param texts the texts, in id order
   * @param embeddings their embeddings, in the same order
   */
  record Embedded(List<PoolText> texts, float[][] embeddings) {}

  /** @return every text of the task's pool with its embedding */
  Embedded embedded(String taskId);

  /** @return whether the text existed in the pool and is now deleted */
  boolean delete(String taskId, long id);

  /**
   * Moves a text from the pool to the task's examples, with its labels, in one transaction.
   *
   * @return the new example, or empty if the pool has no such text
   */
  Optional<Example> label(String taskId, long id, List<String> labels);
}
