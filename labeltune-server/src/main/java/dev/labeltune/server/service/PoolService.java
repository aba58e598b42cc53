package dev.labeltune.server.service;

import dev.labeltune.active.ActiveSelector;
import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.active.Suggestion;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.Texts;
import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.Example;
import dev.labeltune.server.domain.PoolAddition;
import dev.labeltune.server.domain.PoolSuggestion;
import dev.labeltune.server.domain.PoolText;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.PoolStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A task's unlabeled pool and what to label next. Texts are embedded once, when added, through the
 * encoder's queue, and kept with their embeddings; suggestions rank the pool by a {@link
 * SelectionStrategy} with the task's served head (zero-shot before any label), and labeling a
 * suggestion moves it to the task's examples.
 */
public final class PoolService {
  /** Most texts in one task's pool. */
  public static final int MAX_POOL = 100_000;
  /** The strategy suggestions use unless asked for another. */
  public static final SelectionStrategy DEFAULT_STRATEGY = SelectionStrategy.defaultStrategy();
  private static final long SEED = 42;

  private final TaskService tasks;
  private final ExampleService examples;
  private final PoolStore store;
  private final ActiveHeads active;
  private final EncodingBatcher batcher;

  PoolService(TaskService tasks, ExampleService examples, PoolStore store, ActiveHeads active, EncodingBatcher batcher) {
    this.tasks = tasks;
    this.examples = examples;
    this.store = store;
    this.active = active;
    this.batcher = batcher;
  }

  /**
   * Adds texts to the task's pool: blank texts and texts the pool already holds (or the request
   * repeats) are refused one by one; the others are embedded and stored together.
   *
   * @throws ServiceException too large if the pool would hold more than {@value #MAX_POOL} texts
   */
  public PoolAddition add(long tenantId, String taskId, List<String> texts) {
    tasks.get(tenantId, taskId);
    long held = store.count(taskId);
    if (held + texts.size() > MAX_POOL) {
      throw ServiceException.of(Kind.TOO_LARGE, "A task's pool holds at most " + MAX_POOL + " texts; it holds "
          + held + " and the request adds " + texts.size());
    }
    List<PoolAddition.Refusal> refused = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (!Texts.hasVisibleContent(text)) {
        refused.add(new PoolAddition.Refusal(i, "blank"));
      } else if (!seen.add(text)) {
        refused.add(new PoolAddition.Refusal(i, "repeats an earlier text of this request"));
      } else {
        fresh.add(text);
        positions.add(i);
      }
    }
    List<PoolText> added = new ArrayList<>();
    if (!fresh.isEmpty()) {
      List<Optional<PoolText>> stored = store.add(taskId, fresh, List.of(batcher.embedWaiting(fresh).vectors()));
      for (int j = 0; j < stored.size(); j++) {
        if (stored.get(j).isPresent()) {
          added.add(stored.get(j).get());
        } else {
          refused.add(new PoolAddition.Refusal(positions.get(j), "already in the pool"));
        }
      }
    }
    refused.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new PoolAddition(added, refused);
  }

  /** @return a page of the task's pool */
  public List<PoolText> page(long tenantId, String taskId, long afterId, int limit) {
    tasks.get(tenantId, taskId);
    return store.page(taskId, afterId, limit);
  }

  /** @return the number of texts in every pool */
  public long countAll() {
    return store.countAll();
  }

  /**
   * @param n how many texts
   * @param strategy how to choose them
   * @return the pool's texts most worth labeling next, first the most
   * @throws ServiceException a conflict if the task has no head that can be served
   */
  public List<PoolSuggestion> suggest(long tenantId, String taskId, int n, SelectionStrategy strategy) {
    tasks.get(tenantId, taskId);
    TaskHead head = active.get(tenantId, taskId)
        .orElseThrow(() -> ActiveHeads.unavailable(taskId, ClassificationService.NO_USABLE_HEAD));
    PoolStore.Embedded pool = store.embedded(taskId);
    return ActiveSelector.select(strategy, pool.embeddings(), head, n, SEED).stream()
        .map(s -> new PoolSuggestion(pool.texts().get(s.index()), s)).toList();
  }

  /**
   * Moves a pool text to the task's examples with its labels, checked as examples are.
   *
   * @return the new example
   */
  public Example label(long tenantId, String taskId, long poolId, List<String> labels) {
    Task task = tasks.get(tenantId, taskId);
    PoolText text = store.get(taskId, poolId).orElseThrow(() -> notFound(taskId, poolId));
    examples.check(task, List.of(new LabeledText(text.text(), labels)));
    return store.label(taskId, poolId, labels).orElseThrow(() -> notFound(taskId, poolId));
  }

  /** Deletes one pool text. */
  public void delete(long tenantId, String taskId, long poolId) {
    tasks.get(tenantId, taskId);
    if (!store.delete(taskId, poolId)) {
      throw notFound(taskId, poolId);
    }
  }

  private static ServiceException notFound(String taskId, long poolId) {
    return ServiceException.notFound("pool text", Long.toString(poolId), "; GET /v1/tasks/" + taskId
        + "/pool lists them");
  }
}
