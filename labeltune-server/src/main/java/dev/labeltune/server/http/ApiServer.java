package dev.labeltune.server.http;

import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.server.api.ApiJson;
import dev.labeltune.server.api.Health;
import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.service.ServiceMetrics;
import dev.labeltune.server.service.Services;
import dev.labeltune.server.service.TenantService;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP server: the routes of every resource, checked keys, the page at {@code /}, {@code
 * /openapi.json}, and the life cycle around them. Until {@link #ready} every {@code /v1} route
 * answers 503; {@link #drain} makes them answer 503 again and waits for requests in flight.
 */
public final class ApiServer {
  private static final String STARTED = "labeltune.started";
  private static final String ROUTE = "labeltune.route";
  private static final long RESPONSE_FLUSH_MILLIS = 500;

  /**
   * What serves requests once the model is loaded.
   *
   * @param services the services
   * @param encoder the loaded encoder's identity
   * @param metrics the service's metrics
   */
  public record Ready(Services services, EncoderInfo encoder, ServiceMetrics metrics) {}

  /**
   * The HTTP side's settings.
   *
   * @param auth whether keys are required
   * @param maxTextsPerRequest most texts in one classify request
   * @param maxBodyBytes largest request body
   * @param queueTexts most texts waiting for the encoder (reported in {@code /info})
   * @param batchTokens padded tokens per forward pass (reported in {@code /info})
   */
  public record Settings(boolean auth, int maxTextsPerRequest, long maxBodyBytes, int queueTexts, int batchTokens) {}

  private final Settings config;
  private final Auth auth;
  private final ErrorMapper errors;
  private final List<Route> routes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Ready ready;
  private volatile boolean draining;

  /**
   * @param config limits and the auth mode
   * @param tenants tenants and keys, usable before the model loads
   * @param adminKey the deployment's admin key as stored, or null under {@code --no-auth}
   * @param noAuthTenant the tenant of every request under {@code --no-auth}, else null
   */
  public ApiServer(Settings config, TenantService tenants, AdminKey adminKey, Long noAuthTenant) {
    this.config = config;
    this.auth = new Auth(tenants, adminKey, noAuthTenant);
    this.errors = new ErrorMapper(config.maxBodyBytes());
    Route.Table table = new Route.Table();
    TaskRoutes.register(table, () -> ready().services().tasks());
    ExampleRoutes.register(table, () -> ready().services().examples());
    JobRoutes.register(table, () -> ready().services().tuning());
    VersionRoutes.register(table, () -> ready().services().heads());
    HeadRoutes.register(table, () -> ready().services().heads());
    ClassifyRoutes.register(table, () -> ready().services().classification(), config.maxTextsPerRequest());
    PoolRoutes.register(table, () -> ready().services().pools());
    TenantRoutes.register(table, tenants);
    SystemRoutes.register(table, this::ready, config);
    this.routes = table.routes();
  }

  /** Starts serving the API with the loaded services. */
  public void ready(Ready loaded) {
    this.ready = loaded;
  }

  private Ready ready() {
    Ready r = ready;
    if (r == null) {
      throw ServiceException.unavailable("The model is loading; retry shortly");
    }
    if (draining) {
      throw ServiceException.unavailable("The server is shutting down");
    }
    return r;
  }

  /**
   * Refuses new API requests with 503 and waits up to {@code timeoutMillis} for those in flight.
   *
   * @return whether every request in flight finished in time
   */
  public boolean drain(long timeoutMillis) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // A request leaves the count when its handler returns; its response is written just after.
    Thread.sleep(RESPONSE_FLUSH_MILLIS);
    return inFlight.get() == 0;
  }

  /** @return a Javalin server with every route, not started */
  public Javalin create() {
    return Javalin.create(this::configure);
  }

  private void configure(JavalinConfig c) {
    c.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
    c.http.maxRequestSize = config.maxBodyBytes();
    c.startup.showJavalinBanner = false;
    c.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = "/web";
      files.location = Location.CLASSPATH;
    });
    // Jetty's graceful stop: stopping waits (up to 10 s) until responses in flight are fully sent.
    c.jetty.modifyServer(server -> {
      server.setHandler(new GracefulHandler());
      server.setStopTimeout(10_000);
    });
    var r = c.routes;
    r.get("/health", ctx -> {
      boolean up = ready != null && !draining;
      ctx.status(up ? 200 : 503).json(new Health(true, up));
    });
    r.before("/metrics", ctx -> ready());
    r.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.contentType()).result(ready.metrics().scrape()));
    r.get("/openapi.json", ctx -> ctx.json(OpenApi.document(routes)));
    r.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    r.after(ctx -> {
      Long started = ctx.attribute(STARTED);
      Ready now = ready;
      if (started != null && now != null) {
        String route = ctx.attribute(ROUTE);
        now.metrics().request(route == null ? "(rejected)" : route, ctx.method().name(), ctx.statusCode(),
            (System.nanoTime() - started) / 1e9);
      }
    });
    for (Route route : routes) {
      r.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> serve(route, ctx));
    }
    r.exception(Exception.class, errors::handle);
    r.error(404, ctx -> {
      String result = ctx.result();
      if (result == null || !result.startsWith("{")) {
        errors.handle(ServiceException.of(Kind.NOT_FOUND, "No route " + ctx.method() + " " + ctx.path()), ctx);
      }
    });
    r.error(405, ctx -> errors.handle(ServiceException.of(Kind.METHOD_NOT_ALLOWED, "Method " + ctx.method()
        + " is not allowed on " + ctx.path()), ctx));
  }

  private void serve(Route route, Context ctx) throws Exception {
    ctx.attribute(ROUTE, route.path());
    ready();
    inFlight.incrementAndGet();
    try {
      auth.check(ctx, route.access());
      Object body = route.handler().handle(new Call(ctx));
      ctx.status(route.success());
      if (body instanceof Route.RawBody raw) {
        ctx.contentType(raw.contentType()).result(raw.bytes());
        if (raw.fileName() != null) {
          ctx.header("Content-Disposition", "attachment; filename=\"" + raw.fileName() + "\"");
        }
      } else if (body != null) {
        ctx.json(body);
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
