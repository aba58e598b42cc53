package dev.labeltune.server.http;

import dev.labeltune.server.api.TaskResponse;
import dev.labeltune.server.api.VersionList;
import dev.labeltune.server.service.HeadService;
import java.util.function.Supplier;

/** {@code /v1/tasks/{id}/versions}: a task's head versions, and rolling back or forward. */
final class VersionRoutes {
  private VersionRoutes() {}

  static void register(Route.Table routes, Supplier<HeadService> heads) {
    routes.add("GET", "/v1/tasks/{id}/versions", "The task's head versions", null, VersionList.class, "200 401 404",
        call -> {
          HeadService.TaskVersions v = heads.get().versions(call.tenant(), call.path("id"));
          return VersionList.of(v.versions(), v.task().activeVersion());
        });
    routes.add("POST", "/v1/tasks/{id}/versions/{version}/activate", "Make a version the active one (roll back)",
        null, TaskResponse.class, "200 401 404", call -> TaskResponse.of(
            heads.get().activate(call.tenant(), call.path("id"), call.pathInt("version", 1, Integer.MAX_VALUE))));
  }
}
