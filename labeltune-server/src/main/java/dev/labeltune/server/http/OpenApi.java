package dev.labeltune.server.http;

import dev.labeltune.server.api.ApiJson;
import dev.labeltune.server.api.ErrorResponse;
import dev.labeltune.server.api.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the OpenAPI 3.1 document from the route list and the API's records: every body schema is
 * generated ({@link Schemas}), none is written by hand.
 */
final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
  private static final Map<Integer, String> MEANING = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted: a job was queued"),
      Map.entry(204, "Done, no content"), Map.entry(400, "Malformed JSON or field"),
      Map.entry(401, "Missing, unknown or revoked key, or a key of the wrong kind"),
      Map.entry(403, "Not allowed in this mode (the admin routes under --no-auth)"),
      Map.entry(404, "No such thing for this tenant"),
      Map.entry(409, "Conflict: a head for another encoder, a task without a usable head, or a name taken"),
      Map.entry(413, "Too many texts or examples, or a body over the limit"),
      Map.entry(422, "Well-formed but breaks a rule (unknown label, blank text, too few examples)"),
      Map.entry(429, "The encoder queue or the job queue is full; see Retry-After"),
      Map.entry(500, "The server failed (storage, encoder); the body names an error id found in the server's log"),
      Map.entry(503, "The model is loading or the server is shutting down; see Retry-After"));

  private OpenApi() {}

  static Map<String, Object> document(List<Route> routes) {
    Schemas schemas = new Schemas(ApiJson.MAPPER);
    Map<String, Object> error = json(schemas.ref(ErrorResponse.class));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("summary", r.summary());
      op.put("operationId", r.method().toLowerCase() + r.path().replaceAll("[^A-Za-z]+", "_"));
      List<Map<String, Object>> parameters = new ArrayList<>();
      Matcher m = PARAM.matcher(r.path());
      while (m.find()) {
        parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
      }
      if (!parameters.isEmpty()) {
        op.put("parameters", parameters);
      }
      if (r.request() != null) {
        op.put("requestBody", Map.of("required", true, "content", json(schemas.ref(r.request()))));
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      List<Integer> statuses = new ArrayList<>(r.statuses());
      statuses.add(500);
      if (r.access() != Route.Access.PUBLIC) {
        statuses.add(503);
      }
      for (int status : statuses) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("description", MEANING.getOrDefault(status, "HTTP " + status));
        if (status >= 400) {
          response.put("content", error);
        } else if (r.response() != null) {
          response.put("content", json(schemas.ref(r.response())));
        }
        responses.put(Integer.toString(status), response);
      }
      op.put("responses", responses);
      op.put("security", switch (r.access()) {
        case PUBLIC -> List.of();
        case TENANT -> List.of(Map.of("apiKey", List.of()));
        case ADMIN -> List.of(Map.of("adminKey", List.of()));
      });
      item.put(r.method().toLowerCase(), op);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", Map.of("title", "LabelTune", "version", "0.1.0",
        "description", "One frozen sentence encoder, many label-tuned classification tasks."));
    doc.put("paths", paths);
    doc.put("components", Map.of("schemas", schemas.components(), "securitySchemes", Map.of(
        "apiKey", Map.of("type", "http", "scheme", "bearer"),
        "adminKey", Map.of("type", "http", "scheme", "bearer"))));
    return doc;
  }

  private static Map<String, Object> json(Map<String, Object> schema) {
    return Map.of("application/json", Map.of("schema", schema));
  }
}
