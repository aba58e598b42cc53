package dev.labeltune.server.http;

import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.server.api.ExampleResponse;
import dev.labeltune.server.api.PoolAddRequest;
import dev.labeltune.server.api.PoolAdded;
import dev.labeltune.server.api.PoolLabelRequest;
import dev.labeltune.server.api.PoolPage;
import dev.labeltune.server.api.SuggestionList;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.service.PoolService;
import java.util.function.Supplier;

/** {@code /v1/tasks/{id}/pool} and {@code /suggestions}: the unlabeled pool and what to label next. */
final class PoolRoutes {
  private PoolRoutes() {}

  static void register(Route.Table routes, Supplier<PoolService> pools) {
    routes.add("POST", "/v1/tasks/{id}/pool", "Add unlabeled texts to the task's pool (blank and repeated ones "
        + "are refused one by one)", PoolAddRequest.class, PoolAdded.class, "201 400 401 404 413",
        call -> PoolAdded.of(pools.get().add(call.tenant(), call.path("id"), call.body(PoolAddRequest.class).texts())));
    routes.add("GET", "/v1/tasks/{id}/pool", "List the pool, paged (after, limit)", null, PoolPage.class,
        "200 400 401 404", call -> {
          int limit = call.query("limit", 1, 1000, 100);
          return PoolPage.of(pools.get().page(call.tenant(), call.path("id"), call.query("after", 0, Integer.MAX_VALUE,
              0), limit), limit);
        });
    routes.add("GET", "/v1/tasks/{id}/suggestions", "The pool texts most worth labeling next (n, strategy: "
        + "kmeans, the default, margin, kmeans-margin, entropy, least-confidence, random)", null, SuggestionList.class,
        "200 400 401 404 409", call -> {
          SelectionStrategy strategy = strategy(call.queryText("strategy"));
          return SuggestionList.of(strategy.label(), pools.get().suggest(call.tenant(), call.path("id"),
              call.query("n", 1, 1000, 10), strategy));
        });
    routes.add("POST", "/v1/tasks/{id}/pool/{poolId}/label", "Label a pool text, which moves it to the examples",
        PoolLabelRequest.class, ExampleResponse.class, "201 400 401 404 422", call -> ExampleResponse.of(
            pools.get().label(call.tenant(), call.path("id"), call.pathLong("poolId"),
                call.body(PoolLabelRequest.class).allLabels())));
    routes.add("DELETE", "/v1/tasks/{id}/pool/{poolId}", "Delete a pool text", null, null, "204 401 404", call -> {
      pools.get().delete(call.tenant(), call.path("id"), call.pathLong("poolId"));
      return null;
    });
  }

  private static SelectionStrategy strategy(String text) {
    if (text == null) {
      return PoolService.DEFAULT_STRATEGY;
    }
    try {
      return SelectionStrategy.parse(text);
    } catch (IllegalArgumentException e) {
      throw ServiceException.of(Kind.BAD_REQUEST, "Query parameter 'strategy': " + e.getMessage());
    }
  }
}
