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

  private OpenApi() {}

  static Map<String, Object> document(List<HttpApi.Route> routes) {
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
      if (List.of("POST", "PUT", "PATCH").contains(r.method())) {
        op.put("requestBody", Map.of("required", false, "content", Map.of("application/json",
            Map.of("schema", Map.of("type", "object")))));
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      for (int status : r.statuses()) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("description", MEANING.getOrDefault(status, "HTTP " + status));
        if (status >= 400) {
          response.put("content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        } else if (status != 204) {
          response.put("content", Map.of("application/json", Map.of("schema", Map.of("type", "object"))));
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
    Map<String, Object> error = Map.of("type", "object", "required", List.of("error"), "properties", Map.of("error",
        Map.of("type", "object", "required", List.of("code", "message"), "properties", Map.of(
            "code", Map.of("type", "string"), "message", Map.of("type", "string")))));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "LabelTune", "version", "0.1.0",
        "description", "One frozen sentence encoder, many label-tuned classification tasks."));
    doc.put("paths", paths);
    doc.put("components", Map.of("schemas", Map.of("Error", error), "securitySchemes", Map.of(
        "apiKey", Map.of("type", "http", "scheme", "bearer"),
        "adminKey", Map.of("type", "http", "scheme", "bearer"))));
    return doc;
  }
}
