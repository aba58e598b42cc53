package dev.labeltune.server.http;

import dev.labeltune.server.api.JobResponse;
import dev.labeltune.server.api.JobStarted;
import dev.labeltune.server.service.TuningService;
import java.util.function.Supplier;

/** Tuning jobs: start one on a task's examples, and follow it. */
final class JobRoutes {
  private JobRoutes() {}

  static void register(Route.Table routes, Supplier<TuningService> tuning) {
    routes.add("POST", "/v1/tasks/{id}/tune", "Start a tuning job on the stored examples", null, JobStarted.class,
        "202 401 404 422 429", call -> new JobStarted(tuning.get().tune(call.tenant(), call.path("id")).id()));
    routes.add("GET", "/v1/jobs/{id}", "A job's state, progress and, when done, its cross-validated macro-F1", null,
        JobResponse.class, "200 401 404", call -> JobResponse.of(tuning.get().get(call.tenant(), call.path("id"))));
  }
}
