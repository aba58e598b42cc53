package dev.labeltune.server.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the OpenAPI 3 document of the routes {@link HttpApi} registers, from the same list. */
final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
  private static final Map<Integer, String> MEANING = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted: a job was queued"),
      Map.entry(204, "Done, no content"), Map.entry(400, "Malformed JSON or field"),
      Map.entry(401, "Missing, unknown or revoked key"), Map.entry(404, "No such thing for this tenant"),
      Map.entry(409, "Conflict: a head for another encoder, or a name taken"),
      Map.entry(413, "Too many texts or examples, or a body over the limit"),
      Map.entry(422, "Well-formed but breaks a rule (unknown label, blank text, too few examples)"),
      Map.entry(429, "The encoder queue or the job queue is full; see Retry-After"),
      Map.entry(503, "The model is loading or the server is shutting down"));

  /** Request bodies by operation ("METHOD path"), as references to the schemas below. */
  private static final Map<String, String> REQUESTS = Map.of(
      "POST /v1/tasks", "CreateTask", "PATCH /v1/tasks/{id}", "UpdateTask",
      "POST /v1/tasks/{id}/examples", "Examples", "POST /v1/tasks/{id}/classify", "Classify",
      "POST /v1/classify", "ClassifyTasks", "PUT /v1/tasks/{id}/head", "HeadFile",
      "POST /v1/admin/tenants", "CreateTenant");
  /** Success bodies by operation. */
  private static final Map<String, String> RESPONSES = Map.of(
      "POST /v1/tasks", "Task", "GET /v1/tasks/{id}", "Task", "PATCH /v1/tasks/{id}", "Task",
      "GET /v1/tasks", "TaskPage", "POST /v1/tasks/{id}/classify", "Predictions",
      "GET /v1/jobs/{id}", "Job", "POST /v1/tasks/{id}/tune", "JobId",
      "POST /v1/tasks/{id}/versions/{version}/activate", "Task", "GET /v1/tasks/{id}/head", "HeadFile");

  private OpenApi() {}

  private static Map<String, Object> object(List<String> required, Object... properties) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (int i = 0; i < properties.length; i += 2) {
      props.put((String) properties[i], properties[i + 1]);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "object");
    if (!required.isEmpty()) {
      out.put("required", required);
    }
    out.put("properties", props);
    return out;
  }

  private static Map<String, Object> type(String type) {
    return Map.of("type", type);
  }

  private static Map<String, Object> arrayOf(Object items) {
    return Map.of("type", "array", "items", items);
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("$ref", "#/components/schemas/" + name);
  }

  private static Map<String, Object> schemas() {
    Map<String, Object> label = Map.of("oneOf", List.of(type("string"),
        object(List.of("name"), "name", type("string"), "text", type("string"))));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Error", object(List.of("error"), "error", object(List.of("code", "message"),
        "code", type("string"), "message", type("string"))));
    s.put("CreateTask", object(List.of("name", "labels"), "name", type("string"), "labels", arrayOf(label),
        "template", type("string"), "multi_label", type("boolean")));
    s.put("UpdateTask", object(List.of(), "name", type("string"), "template", type("string")));
    s.put("Examples", arrayOf(object(List.of("text"), "text", type("string"), "label", type("string"),
        "labels", arrayOf(type("string")))));
    s.put("Classify", object(List.of("texts"), "texts", arrayOf(type("string")), "top_k", type("integer"),
        "threshold", type("number")));
    s.put("ClassifyTasks", object(List.of("texts", "tasks"), "texts", arrayOf(type("string")),
        "tasks", arrayOf(type("string")), "top_k", type("integer"), "threshold", type("number")));
    s.put("HeadFile", object(List.of("format", "version", "checksum"), "format", type("string"),
        "version", type("integer"), "checksum", type("string")));
    s.put("CreateTenant", object(List.of("name"), "name", type("string")));
    s.put("Task", object(List.of("id", "name", "labels"), "id", type("string"), "name", type("string"),
        "labels", arrayOf(object(List.of("name"), "name", type("string"), "text", type("string"))),
        "template", type("string"), "multi_label", type("boolean"), "active_version", type("integer"),
        "examples", type("integer"), "last_tuned", type("string")));
    s.put("TaskPage", object(List.of("items"), "items", arrayOf(ref("Task")), "next", type("integer")));
    s.put("Predictions", object(List.of("predictions"), "predictions", arrayOf(object(List.of("label", "probabilities"),
        "label", type("string"), "labels", arrayOf(type("string")),
        "probabilities", Map.of("type", "object", "additionalProperties", type("number")),
        "truncated", type("boolean"), "no_known_tokens", type("boolean")))));
    s.put("JobId", object(List.of("job"), "job", type("string")));
    s.put("Job", object(List.of("id", "state", "progress"), "id", type("string"), "task_id", type("string"),
        "state", Map.of("type", "string", "enum", List.of("queued", "running", "succeeded", "failed", "interrupted")),
        "progress", type("number"), "message", type("string"), "version", type("integer"),
        "cv_macro_f1", type("number"), "zero_shot_macro_f1", type("number"), "report", type("object")));
    return s;
  }

  static Map<String, Object> document(List<HttpApi.Route> routes) {
    java.util.Set<String> operations = new java.util.HashSet<>();
    routes.forEach(r -> operations.add(r.method() + " " + r.path()));
    for (String documented : java.util.stream.Stream.concat(REQUESTS.keySet().stream(), RESPONSES.keySet().stream())
        .toList()) {
      if (!operations.contains(documented)) {
        throw new IllegalStateException("The OpenAPI document describes '" + documented + "', which is not a route");
      }
    }
    Map<String, Object> paths = new LinkedHashMap<>();
    for (HttpApi.Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("summary", r.summary());
      op.put("operationId", r.method().toLowerCase() + r.path().replaceAll("[^A-Za-z]+", "_"));
      List<Map<String, Object>> parameters = new java.util.ArrayList<>();
      Matcher m = PARAM.matcher(r.path());
      while (m.find()) {
        parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
      }
      if (!parameters.isEmpty()) {
        op.put("parameters", parameters);
      }
      String operation = r.method() + " " + r.path();
      if (REQUESTS.containsKey(operation)) {
        op.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
            Map.of("schema", ref(REQUESTS.get(operation))))));
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      for (int status : r.statuses()) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("description", MEANING.getOrDefault(status, "HTTP " + status));
        if (status >= 400) {
          response.put("content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        } else if (status != 204) {
          response.put("content", Map.of("application/json", Map.of("schema",
              RESPONSES.containsKey(operation) ? ref(RESPONSES.get(operation)) : type("object"))));
        }
        responses.put(Integer.toString(status), response);
      }
      responses.put("503", Map.of("description", MEANING.get(503), "content",
          Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
      op.put("responses", responses);
      if (!r.path().startsWith("/v1/admin/")) {
        op.put("security", List.of(Map.of("apiKey", List.of())));
      } else {
        op.put("security", List.of(Map.of("adminKey", List.of())));
      }
      item.put(r.method().toLowerCase(), op);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "LabelTune", "version", "0.1.0",
        "description", "One frozen sentence encoder, many label-tuned classification tasks."));
    doc.put("paths", paths);
    doc.put("components", Map.of("schemas", schemas(), "securitySchemes", Map.of(
        "apiKey", Map.of("type", "http", "scheme", "bearer"),
        "adminKey", Map.of("type", "http", "scheme", "bearer"))));
    return doc;
  }
}
