package dev.labeltune.server.http;

import dev.labeltune.head.HeadLimits;
import dev.labeltune.server.api.ServerInfo;
import java.util.function.Supplier;

/** {@code /info}: the model, the tasks served and the limits. */
final class SystemRoutes {
  private SystemRoutes() {}

  static void register(Route.Table routes, Supplier<ApiServer.Ready> ready, ApiServer.Settings config) {
    routes.add("GET", "/info", "The model, the tasks served, heads that could not be served, and the limits", null,
        ServerInfo.class, "200", call -> {
          ApiServer.Ready r = ready.get();
          HeadLimits limits = HeadLimits.defaults();
          return new ServerInfo(r.encoder().name(), r.encoder().fingerprint(), r.encoder().dimension(),
              r.encoder().config().maxLength(), r.services().tasks().count(), r.services().active().size(),
              r.services().active().problems(), config.auth(), new ServerInfo.Limits(config.maxTextsPerRequest(),
                  config.maxBodyBytes(), config.queueTexts(), config.batchTokens(), limits.maxLabels(),
                  limits.maxFileBytes()));
        });
  }
}
