package dev.labeltune.server.service;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.Texts;
import dev.labeltune.server.domain.Example;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.ExampleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The examples of tasks: checked against the task's labels and stored all or nothing. */
public final class ExampleService {
  private static final int PAGE = 1000;
  private final TaskService tasks;
  private final ExampleStore store;

  ExampleService(TaskService tasks, ExampleStore store) {
    this.tasks = tasks;
    this.store = store;
  }

  /**
   * Stores examples after checking every one: nothing of the batch is stored if any is wrong.
   *
   * @return the stored examples
   * @throws ServiceException (invalid) naming the first unknown label or bad text, with its index
   */
  public List<Example> add(long tenantId, String taskId, List<LabeledText> examples) {
    check(tasks.get(tenantId, taskId), examples);
    return store.add(taskId, examples.stream().map(LabeledText::text).toList(),
        examples.stream().map(LabeledText::labels).toList());
  }

  /**
   * Checks examples against the task's labels.
   *
   * @throws ServiceException (unprocessable) naming the first unknown label or bad text, with its index
   */
  void check(Task task, List<LabeledText> examples) {
    List<String> known = task.labelNames();
    for (int i = 0; i < examples.size(); i++) {
      LabeledText e = examples.get(i);
      if (!Texts.hasVisibleContent(e.text())) {
        throw ServiceException.of(Kind.UNPROCESSABLE, "Example " + i + ": the text is blank");
      }
      if (e.labels().isEmpty() || (!task.multiLabel() && e.labels().size() != 1)) {
        throw ServiceException.of(Kind.UNPROCESSABLE, "Example " + i + ": a " + (task.multiLabel()
            ? "multi-label task needs at least one label" : "single-label task needs exactly one label") + ", found "
            + e.labels());
      }
      for (String l : e.labels()) {
        if (!known.contains(l)) {
          throw ServiceException.of(Kind.UNPROCESSABLE, "Example " + i + ": unknown label " + Texts.quote(l)
              + "; the task's labels are " + known);
        }
      }
    }
  }

  /** @return up to {@code limit} of the task's examples after {@code afterId} */
  public List<Example> page(long tenantId, String taskId, long afterId, int limit) {
    tasks.get(tenantId, taskId);
    return store.page(taskId, afterId, limit);
  }

  /** @return every example of a task the caller has checked */
  List<LabeledText> all(String taskId) {
    List<LabeledText> out = new ArrayList<>();
    long after = 0;
    List<Example> page;
    while (!(page = store.page(taskId, after, PAGE)).isEmpty()) {
      for (Example e : page) {
        out.add(new LabeledText(e.text(), e.labels()));
      }
      after = page.get(page.size() - 1).id();
    }
    return out;
  }

  /** @return per label, how many of the task's examples carry it, for a task the caller has checked */
  Map<String, Integer> countByLabel(String taskId) {
    return store.countByLabel(taskId);
  }

  /** Deletes one example. */
  public void delete(long tenantId, String taskId, long exampleId) {
    tasks.get(tenantId, taskId);
    if (!store.delete(taskId, exampleId)) {
      throw ServiceException.notFound("example", Long.toString(exampleId),
          "; GET /v1/tasks/" + taskId + "/examples lists them");
    }
  }
}
