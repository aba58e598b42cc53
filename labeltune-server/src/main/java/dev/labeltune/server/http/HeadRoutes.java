package dev.labeltune.server.http;

import dev.labeltune.server.api.HeadFileBody;
import dev.labeltune.server.api.HeadUploaded;
import dev.labeltune.server.service.HeadService;
import java.util.function.Supplier;

/** {@code /v1/tasks/{id}/head}: the active head file, down and up. */
final class HeadRoutes {
  private HeadRoutes() {}

  static void register(Route.Table routes, Supplier<HeadService> heads) {
    routes.add("GET", "/v1/tasks/{id}/head", "Download the active head file", null, HeadFileBody.class,
        "200 401 404 409", call -> new Route.RawBody(heads.get().activeFile(call.tenant(), call.path("id")),
            "application/json", call.path("id") + ".head.json"));
    routes.add("PUT", "/v1/tasks/{id}/head", "Upload a head file as the new active version", HeadFileBody.class,
        HeadUploaded.class, "201 401 404 409 413 422",
        call -> new HeadUploaded(heads.get().upload(call.tenant(), call.path("id"), call.bytes())));
  }
}
