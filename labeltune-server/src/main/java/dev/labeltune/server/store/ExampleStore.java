package dev.labeltune.server.store;

import dev.labeltune.server.domain.Example;
import java.util.List;
import java.util.Map;

/** The examples of tasks; callers have checked that the task is the tenant's. */
public interface ExampleStore {
  /**
   * Adds examples in one transaction: all of them or none.
   *
   * @param taskId the task
   * @param texts the texts
   * @param labels each text's labels
   * @return the stored examples, in order
   */
  List<Example> add(String taskId, List<String> texts, List<List<String>> labels);

  /** @return up to {@code limit} examples with an id above {@code afterId}, in id order */
  List<Example> page(String taskId, long afterId, int limit);

  /**
   * Counts examples per label without reading their texts.
   *
   * @return per label, how many of the task's examples carry it (labels without examples absent)
   */
  Map<String, Integer> countByLabel(String taskId);

  /** @return whether the example existed in that task and is now deleted */
  boolean delete(String taskId, long exampleId);
}
