package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Task;
import java.util.List;

/**
 * A page of tasks.
 *
 * @param items the tasks, oldest first
 * @param next the {@code offset} of the next page, absent on the last
 */
public record TaskPage(@JsonProperty(required = true) List<TaskResponse> items, Integer next) {
  /** @return the page, with a next offset if it is full */
  public static TaskPage of(List<Task> tasks, int offset, int limit) {
    return new TaskPage(tasks.stream().map(TaskResponse::of).toList(), tasks.size() == limit ? offset + limit : null);
  }
}
