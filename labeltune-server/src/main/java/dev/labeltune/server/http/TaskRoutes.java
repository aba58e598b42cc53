package dev.labeltune.server.http;

import dev.labeltune.server.api.CreateTaskRequest;
import dev.labeltune.server.api.TaskPage;
import dev.labeltune.server.api.TaskResponse;
import dev.labeltune.server.api.UpdateTaskRequest;
import dev.labeltune.server.service.TaskService;
import java.util.function.Supplier;

/** {@code /v1/tasks}: create, list, read, change and delete tasks. */
final class TaskRoutes {
  private TaskRoutes() {}

  static void register(Route.Table routes, Supplier<TaskService> tasks) {
    routes.add("POST", "/v1/tasks", "Create a zero-shot task, ready to classify at once", CreateTaskRequest.class,
        TaskResponse.class, "201 400 401 422", call -> {
          CreateTaskRequest r = call.body(CreateTaskRequest.class);
          TaskService.Created created = tasks.get().create(call.tenant(), r.name(), r.toLabels(), r.template(),
              r.multiLabel());
          return TaskResponse.of(created.task(), created.job());
        });
    routes.add("GET", "/v1/tasks", "List the tenant's tasks, paged (offset, limit)", null, TaskPage.class,
        "200 400 401", call -> {
          int offset = call.query("offset", 0, Integer.MAX_VALUE, 0);
          int limit = call.query("limit", 1, 500, 50);
          return TaskPage.of(tasks.get().page(call.tenant(), offset, limit), offset, limit);
        });
    routes.add("GET", "/v1/tasks/{id}", "One task", null, TaskResponse.class, "200 401 404",
        call -> TaskResponse.of(tasks.get().get(call.tenant(), call.path("id"))));
    routes.add("PATCH", "/v1/tasks/{id}", "Rename a task or change its template", UpdateTaskRequest.class,
        TaskResponse.class, "200 400 401 404 422", call -> {
          UpdateTaskRequest r = call.body(UpdateTaskRequest.class);
          return TaskResponse.of(tasks.get().update(call.tenant(), call.path("id"), r.name(), r.newTemplate(),
              r.changesTemplate()));
        });
    routes.add("DELETE", "/v1/tasks/{id}", "Delete a task with its examples, versions and jobs", null, null,
        "204 401 404", call -> {
          tasks.get().delete(call.tenant(), call.path("id"));
          return null;
        });
  }
}
