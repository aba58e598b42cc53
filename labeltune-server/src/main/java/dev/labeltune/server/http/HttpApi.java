package dev.labeltune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.LabelTuneException;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.server.ServerConfig;
import dev.labeltune.server.service.ActiveHeads;
import dev.labeltune.server.service.ApiKeys;
import dev.labeltune.server.service.EncodingBatcher;
import dev.labeltune.server.service.ServiceException;
import dev.labeltune.server.service.ServiceMetrics;
import dev.labeltune.server.service.TaskService;
import dev.labeltune.server.store.StoreRecords.Example;
import dev.labeltune.server.store.StoreRecords.Label;
import dev.labeltune.server.store.StoreRecords.Task;
import dev.labeltune.server.store.StoreRecords.Tenant;
import dev.labeltune.server.store.TaskStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.handler.GracefulHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the service. Handlers parse and authorize, call {@link TaskService}, and render;
 * every failure is thrown and rendered once, by {@link #error}, as {@code {"error": {"code", "message"}}}.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String TENANT = "labeltune.tenant";

  private static final String STARTED = "labeltune.started";
  private static final String TIMER = "labeltune.timer";
  private static final long RESPONSE_FLUSH_MILLIS = 500;
  private static final String ROUTE = "labeltune.route";

  /**
   * What serves requests once the model is loaded.
   *
   * @param tasks the service
   * @param encoder the loaded encoder's identity
   * @param heads the active heads
   * @param metrics the service's metrics
   */
  public record Services(TaskService tasks, EncoderInfo encoder, ActiveHeads heads, ServiceMetrics metrics) {}

  private final ServerConfig config;
  private final TaskStore store;
  private final ApiKeys keys;
  private final String adminKey;
  private final long implicitTenant;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Services services;
  private volatile boolean draining;

  /**
   * @param config limits and the auth mode
   * @param store the store, for tenants and counts
   * @param keys the API keys
   * @param adminKey the admin key
   * @param implicitTenant the tenant of {@code --no-auth} mode
   */
  public HttpApi(ServerConfig config, TaskStore store, ApiKeys keys, String adminKey, long implicitTenant) {
    this.config = config;
    this.store = store;
    this.keys = keys;
    this.adminKey = adminKey;
    this.implicitTenant = implicitTenant;
  }

  /**
   * Starts serving the API; until then every {@code /v1} route answers 503 and {@code /health} says
   * not ready.
   *
   * @param ready the loaded services
   */
  public void ready(Services ready) {
    this.services = ready;
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
    c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    c.http.maxRequestSize = config.maxBodyBytes();
    c.startup.showJavalinBanner = false;
    // The page at / (static files in the jar; it calls only the public /v1 API).
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
    r.get("/health", ctx -> ctx.status(services == null || draining ? 503 : 200).json(Map.of("live", true,
        "ready", services != null && !draining)));
    r.before("/info", this::requireReady);
    r.get("/info", this::info);
    r.before("/metrics", this::requireReady);
    r.get("/metrics", this::metrics);
    r.before("/v1/*", ctx -> {
      requireReady(ctx);
      inFlight.incrementAndGet();
      ctx.attribute(STARTED, System.nanoTime());
      authenticate(ctx);
    });
    r.after("/v1/*", ctx -> {
      if (ctx.attribute(STARTED) != null) {
        inFlight.decrementAndGet();
      }
    });

    route("POST", "/v1/tasks", "Create a zero-shot task, ready to classify at once", "201 400 401 422", this::createTask);
    route("GET", "/v1/tasks", "List the tenant's tasks, paged (offset, limit)", "200 400 401", this::listTasks);
    route("GET", "/v1/tasks/{id}", "One task", "200 401 404",
        ctx -> ctx.json(Views.TaskView.of(services.tasks().task(tenant(ctx), ctx.pathParam("id")), store)));
    route("PATCH", "/v1/tasks/{id}", "Rename a task or change its template", "200 400 401 404 422", this::updateTask);
    route("DELETE", "/v1/tasks/{id}", "Delete a task with its examples, versions and jobs", "204 401 404", ctx -> {
      services.tasks().delete(tenant(ctx), ctx.pathParam("id"));
      ctx.status(204);
    });
    route("POST", "/v1/tasks/{id}/examples", "Add a batch of examples, all or nothing", "201 400 401 404 413 422",
        this::addExamples);
    route("GET", "/v1/tasks/{id}/examples", "List examples, paged (after, limit)", "200 400 401 404", this::listExamples);
    route("DELETE", "/v1/tasks/{id}/examples/{exampleId}", "Delete one example", "204 401 404", ctx -> {
      services.tasks().deleteExample(tenant(ctx), ctx.pathParam("id"), pathLong(ctx, "exampleId"));
      ctx.status(204);
    });
    route("POST", "/v1/tasks/{id}/tune", "Start a tuning job on the stored examples", "202 401 404 422 429",
        ctx -> ctx.status(202).json(Map.of("job", services.tasks().tune(tenant(ctx), ctx.pathParam("id")).id())));
    route("GET", "/v1/jobs/{id}", "A job's state, progress and, when done, its cross-validated macro-F1",
        "200 401 404", ctx -> ctx.json(Views.JobView.of(services.tasks().job(tenant(ctx), ctx.pathParam("id")))));
    route("GET", "/v1/tasks/{id}/versions", "The task's head versions", "200 401 404", ctx -> {
      Task t = services.tasks().task(tenant(ctx), ctx.pathParam("id"));
      ctx.json(Map.of("versions", services.tasks().versions(tenant(ctx), t.id()).stream()
          .map(v -> Views.VersionView.of(v, t.activeVersion())).toList()));
    });
    route("POST", "/v1/tasks/{id}/versions/{version}/activate", "Make a version the active one (roll back)",
        "200 401 404", ctx -> ctx.json(Views.TaskView.of(
            services.tasks().activate(tenant(ctx), ctx.pathParam("id"), (int) pathLong(ctx, "version")))));
    route("GET", "/v1/tasks/{id}/head", "Download the active head file", "200 401 404", ctx -> ctx
        .contentType("application/json")
        .header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("id") + ".head.json\"")
        .result(services.tasks().activeHeadFile(tenant(ctx), ctx.pathParam("id"))));
    route("PUT", "/v1/tasks/{id}/head", "Upload a head file as the new active version", "201 401 404 409 413 422",
        ctx -> ctx.status(201).json(Map.of("version",
            services.tasks().uploadHead(tenant(ctx), ctx.pathParam("id"), ctx.bodyAsBytes()))));
    route("POST", "/v1/tasks/{id}/classify", "Classify texts with one task", "200 400 401 404 413 422 429",
        this::classifyOne);
    route("POST", "/v1/classify", "Classify texts with several tasks, encoding each text once",
        "200 400 401 404 413 422 429", this::classifyMany);

    route("POST", "/v1/admin/tenants", "Create a tenant and its first key (admin key)", "201 400 401 409",
        this::createTenant);
    route("GET", "/v1/admin/tenants", "List tenants (admin key)", "200 401", ctx -> ctx.json(Map.of("tenants",
        store.tenants().stream().map(t -> Map.of("id", t.id(), "name", t.name(), "created", t.created().toString()))
            .toList())));
    route("POST", "/v1/admin/tenants/{id}/keys", "Make another key for a tenant (admin key)", "201 401 404", ctx -> {
      long id = pathLong(ctx, "id");
      if (store.tenants().stream().noneMatch(t -> t.id() == id)) {
        throw ApiException.notFound("tenant", Long.toString(id));
      }
      String key = keys.create(id);
      ctx.status(201).json(Map.of("key", key, "key_id", ApiKeys.idOf(key)));
    });
    route("DELETE", "/v1/admin/keys/{keyId}", "Revoke a key (admin key)", "204 401 404", ctx -> {
      if (!store.revokeKey(ctx.pathParam("keyId"))) {
        throw ApiException.notFound("key", ctx.pathParam("keyId"));
      }
      ctx.status(204);
    });
    r.after(ctx -> {
      Long started = ctx.attribute(TIMER);
      if (started != null && services != null) {
        String route = ctx.attribute(ROUTE);
        services.metrics().request(route == null ? "(rejected)" : route, ctx.method().name(), ctx.statusCode(),
            (System.nanoTime() - started) / 1e9);
      }
    });
    r.before(ctx -> ctx.attribute(TIMER, System.nanoTime()));
    for (Route route : routes) {
      r.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> {
        ctx.attribute(ROUTE, route.path());
        route.handler().handle(ctx);
      });
    }
    r.get("/openapi.json", ctx -> ctx.json(OpenApi.document(routes)));
    r.exception(Exception.class, this::error);
    r.error(404, ctx -> {
      String result = ctx.result();
      if (result == null || !result.startsWith("{")) {
        render(ctx, 404, "not_found", "No route " + ctx.method() + " " + ctx.path());
      }
    });
    r.error(405, ctx -> render(ctx, 405, "method_not_allowed", "Method " + ctx.method() + " is not allowed on " + ctx.path()));
  }

  private void requireReady(Context ctx) {
    if (services == null || draining) {
      ctx.header("Retry-After", "5");
      throw new ApiException(503, "unavailable", services == null ? "The model is loading; retry shortly"
          : "The server is shutting down");
    }
  }

  /**
   * A documented route: the same list registers the handlers and writes {@code /openapi.json}, so
   * the document cannot drift from the routes.
   *
   * @param method the HTTP method
   * @param path the path template
   * @param summary what it does
   * @param statuses the statuses it answers with
   * @param handler the handler
   */
  record Route(String method, String path, String summary, List<Integer> statuses, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  private void route(String method, String path, String summary, String statuses, Handler handler) {
    routes.add(new Route(method, path, summary,
        java.util.Arrays.stream(statuses.split(" ")).map(Integer::valueOf).toList(), handler));
  }

  /** @return the documented routes */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  private void authenticate(Context ctx) {
    boolean admin = ctx.path().startsWith("/v1/admin/");
    String header = ctx.header("Authorization");
    String key = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    if (admin) {
      if (!ApiKeys.sameKey(key, adminKey)) {
        throw new ApiException(401, "unauthorized", "The admin routes need the admin key as 'Authorization: Bearer <key>'");
      }
      return;
    }
    if (config.noAuth()) {
      ctx.attribute(TENANT, implicitTenant);
      return;
    }
    OptionalLong tenant = keys.tenantOf(key);
    if (tenant.isEmpty()) {
      throw new ApiException(401, "unauthorized", key == null ? "Send an API key as 'Authorization: Bearer <key>'"
          : "The API key is unknown or revoked");
    }
    ctx.attribute(TENANT, tenant.getAsLong());
  }

  private static long tenant(Context ctx) {
    Long t = ctx.attribute(TENANT);
    if (t == null) {
      throw new ApiException(401, "unauthorized", "No tenant for this request");
    }
    return t;
  }

  private void info(Context ctx) {
    HeadLimits limits = HeadLimits.defaults();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", services.encoder().name());
    out.put("fingerprint", services.encoder().fingerprint());
    out.put("dimension", services.encoder().dimension());
    out.put("max_tokens", services.encoder().config().maxLength());
    out.put("tasks", store.countTasks());
    out.put("served_heads", services.heads().size());
    out.put("head_problems", services.heads().problems());
    out.put("auth", !config.noAuth());
    out.put("limits", Map.of("max_texts_per_request", config.maxTextsPerRequest(), "max_body_bytes",
        config.maxBodyBytes(), "queue_texts", config.queueTexts(), "batch_tokens", config.batchTokens(),
        "head_max_labels", limits.maxLabels(), "head_max_file_bytes", limits.maxFileBytes()));
    ctx.json(out);
  }

  private void metrics(Context ctx) {
    ctx.contentType(ServiceMetrics.contentType()).result(services.metrics().scrape());
  }

  private void createTask(Context ctx) {
    JsonNode body = Json.object(ctx.bodyAsBytes());
    String name = Json.text(body, "name", true);
    JsonNode labelsNode = body.get("labels");
    if (labelsNode == null || !labelsNode.isArray()) {
      throw ApiException.badRequest("'labels' must be an array of names or of {\"name\", \"text\"} objects");
    }
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < labelsNode.size(); i++) {
      JsonNode l = labelsNode.get(i);
      if (l.isTextual()) {
        labels.add(new Label(l.textValue(), null));
      } else if (l.isObject()) {
        labels.add(new Label(Json.text(l, "name", true), Json.text(l, "text", false)));
      } else {
        throw ApiException.badRequest("'labels'[" + i + "] must be a name or a {\"name\", \"text\"} object");
      }
    }
    Task task = services.tasks().createTask(tenant(ctx), name, labels, Json.text(body, "template", false),
        Json.bool(body, "multi_label"));
    ctx.status(201).json(Views.TaskView.of(task));
  }

  private void listTasks(Context ctx) {
    int offset = queryInt(ctx, "offset", 0, Integer.MAX_VALUE, 0);
    int limit = queryInt(ctx, "limit", 1, 500, 50);
    List<Task> page = services.tasks().tasks(tenant(ctx), offset, limit);
    ctx.json(new Views.Page<>(page.stream().map(t -> Views.TaskView.of(t, store)).toList(),
        page.size() == limit ? offset + limit : null));
  }

  private void updateTask(Context ctx) {
    JsonNode body = Json.object(ctx.bodyAsBytes());
    ctx.json(Views.TaskView.of(services.tasks().update(tenant(ctx), ctx.pathParam("id"), Json.text(body, "name", false),
        Json.text(body, "template", false), body.has("template"))));
  }

  private void addExamples(Context ctx) {
    JsonNode body = Json.parse(ctx.bodyAsBytes());
    if (!body.isArray()) {
      throw ApiException.badRequest("Expected a JSON array of {\"text\", \"label\"} or {\"text\", \"labels\"} objects");
    }
    if (body.size() > 10_000) {
      throw new ApiException(413, "too_large", "At most 10000 examples per request, found " + body.size());
    }
    List<LabeledText> examples = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      JsonNode e = body.get(i);
      if (!e.isObject()) {
        throw ApiException.badRequest("Example " + i + " must be an object");
      }
      String text = Json.text(e, "text", true);
      List<String> labels = e.has("labels") ? Json.strings(e, "labels", 1000)
          : List.of(Json.text(e, "label", true));
      try {
        examples.add(new LabeledText(text, labels));
      } catch (IllegalArgumentException ex) {
        throw ApiException.unprocessable("Example " + i + ": " + ex.getMessage());
      }
    }
    List<Example> stored = services.tasks().addExamples(tenant(ctx), ctx.pathParam("id"), examples);
    ctx.status(201).json(Map.of("examples", stored.stream().map(Views.ExampleView::of).toList()));
  }

  private void listExamples(Context ctx) {
    long after = queryInt(ctx, "after", 0, Integer.MAX_VALUE, 0);
    int limit = queryInt(ctx, "limit", 1, 1000, 100);
    List<Example> page = services.tasks().examples(tenant(ctx), ctx.pathParam("id"), after, limit);
    ctx.json(new Views.Page<>(page.stream().map(Views.ExampleView::of).toList(),
        page.size() == limit ? page.get(page.size() - 1).id() : null));
  }

  private void classifyOne(Context ctx) throws Exception {
    JsonNode body = Json.object(ctx.bodyAsBytes());
    String taskId = ctx.pathParam("id");
    TaskService.Classified result = classify(ctx, body, List.of(taskId)).get(0);
    ctx.json(Map.of("predictions", views(result)));
  }

  private void classifyMany(Context ctx) throws Exception {
    JsonNode body = Json.object(ctx.bodyAsBytes());
    List<String> taskIds = Json.strings(body, "tasks", 1000);
    if (taskIds.isEmpty()) {
      throw ApiException.badRequest("'tasks' must name at least one task");
    }
    List<TaskService.Classified> result = classify(ctx, body, taskIds);
    Map<String, Object> byTask = new LinkedHashMap<>();
    for (int t = 0; t < taskIds.size(); t++) {
      byTask.put(taskIds.get(t), views(result.get(t)));
    }
    ctx.json(Map.of("results", byTask));
  }

  private static List<Views.PredictionView> views(TaskService.Classified result) {
    return result.predictions().stream().map(p -> Views.PredictionView.of(p, result.multiLabel())).toList();
  }

  private List<TaskService.Classified> classify(Context ctx, JsonNode body, List<String> taskIds) throws Exception {
    List<String> texts = Json.strings(body, "texts", config.maxTextsPerRequest());
    if (texts.isEmpty()) {
      throw ApiException.badRequest("'texts' must hold at least one text");
    }
    int topK = Json.integer(body, "top_k", 0, 0, 100_000);
    double threshold = Json.number(body, "threshold");
    try {
      return services.tasks().classify(tenant(ctx), taskIds, texts, topK, threshold).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private void createTenant(Context ctx) {
    JsonNode body = Json.object(ctx.bodyAsBytes());
    String name = Json.text(body, "name", true);
    if (store.tenantNamed(name).isPresent()) {
      throw new ApiException(409, "conflict", "A tenant named '" + name + "' exists");
    }
    Tenant t = store.createTenant(name);
    String key = keys.create(t.id());
    ctx.status(201).json(Map.of("id", t.id(), "name", t.name(), "key", key, "key_id", ApiKeys.idOf(key)));
  }

  private static int queryInt(Context ctx, String name, int min, int max, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Query parameter '" + name + "' must be a whole number between " + min + " and " + max);
    }
  }

  private static long pathLong(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiException.notFound(name, ctx.pathParam(name));
    }
  }

  private void error(Exception e, Context ctx) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof ApiException a) {
      render(ctx, a.status(), a.code(), a.getMessage());
    } else if (t instanceof ServiceException refused) {
      if (refused.kind() == ServiceException.Kind.BUSY) {
        ctx.header("Retry-After", "5");
      }
      render(ctx, switch (refused.kind()) {
        case NOT_FOUND -> 404;
        case INVALID -> 422;
        case CONFLICT -> 409;
        case BUSY -> 429;
      }, refused.code(), refused.getMessage());
    } else if (t instanceof EncodingBatcher.QueueFullException q) {
      ctx.header("Retry-After", "1");
      render(ctx, 429, "overloaded", q.getMessage());
    } else if (t instanceof HttpResponseException h) {
      render(ctx, h.getStatus(), h.getStatus() == 413 ? "too_large" : "http_error",
          h.getStatus() == 413 ? "The request body is over the limit of " + config.maxBodyBytes() + " bytes" : h.getMessage());
    } else if (t instanceof LabelTuneException || t instanceof IllegalArgumentException) {
      render(ctx, 422, "unprocessable", t.getMessage());
    } else if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("shutting down")) {
      render(ctx, 503, "unavailable", t.getMessage());
    } else {
      LOG.error("Request {} {} failed", ctx.method(), ctx.path(), t);
      render(ctx, 500, "internal", "Internal error; the server log has the details");
    }
  }

  private static void render(Context ctx, int status, String code, String message) {
    ctx.status(status).json(new Views.ErrorBody(new Views.ErrorDetail(code, message)));
  }
}
