package dev.labeltune.server.http;

import dev.labeltune.data.LabeledText;
import dev.labeltune.server.api.ExampleBatch;
import dev.labeltune.server.api.ExampleInput;
import dev.labeltune.server.api.ExamplePage;
import dev.labeltune.server.api.ExamplesAdded;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.service.ExampleService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /v1/tasks/{id}/examples}: add, list and delete a task's examples. */
final class ExampleRoutes {
  private ExampleRoutes() {}

  static void register(Route.Table routes, Supplier<ExampleService> examples) {
    routes.add("POST", "/v1/tasks/{id}/examples", "Add a batch of examples, all or nothing", ExampleBatch.class,
        ExamplesAdded.class, "201 400 401 404 413 422", call -> {
          List<ExampleInput> batch = call.body(ExampleBatch.class).examples();
          List<LabeledText> texts = new ArrayList<>(batch.size());
          for (int i = 0; i < batch.size(); i++) {
            try {
              texts.add(new LabeledText(batch.get(i).text(), batch.get(i).allLabels()));
            } catch (IllegalArgumentException e) {
              throw ServiceException.of(Kind.UNPROCESSABLE, "Example " + i + ": " + e.getMessage());
            }
          }
          return ExamplesAdded.of(examples.get().add(call.tenant(), call.path("id"), texts));
        });
    routes.add("GET", "/v1/tasks/{id}/examples", "List examples, paged (after, limit)", null, ExamplePage.class,
        "200 400 401 404", call -> {
          long after = call.query("after", 0, Integer.MAX_VALUE, 0);
          int limit = call.query("limit", 1, 1000, 100);
          return ExamplePage.of(examples.get().page(call.tenant(), call.path("id"), after, limit), limit);
        });
    routes.add("DELETE", "/v1/tasks/{id}/examples/{exampleId}", "Delete one example", null, null, "204 401 404",
        call -> {
          examples.get().delete(call.tenant(), call.path("id"), call.pathLong("exampleId"));
          return null;
        });
  }
}
