package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.labeltune.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation the OpenAPI document lists is called on the real server until it succeeds, and
 * every body it answers (successes and errors) is validated against the schema the document gives
 * for that operation and status: the generated document cannot drift from what the server sends.
 */
class OpenApiContractTest {
  @TempDir
  static Path dir;
  private static ServerFixture s;
  private static JsonNode doc;
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Set<String> called = new LinkedHashSet<>();

  @BeforeAll
  static void start() throws Exception {
    s = ServerFixture.start(dir, false);
    doc = s.get("/openapi.json", null).json();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void everyOperationAnswersBodiesTheDocumentDescribes() throws Exception {
    String admin = ServerFixture.ADMIN_KEY;
    JsonNode tenant = call("POST", "/v1/admin/tenants", "/v1/admin/tenants", admin, Map.of("name", "contract"));
    String key = tenant.get("key").asText();
    call("GET", "/v1/admin/tenants", "/v1/admin/tenants", admin, null);
    JsonNode extra = call("POST", "/v1/admin/tenants/{id}/keys", "/v1/admin/tenants/" + tenant.get("id") + "/keys",
        admin, null);
    call("DELETE", "/v1/admin/keys/{keyId}", "/v1/admin/keys/" + extra.get("key_id").asText(), admin, null);

    JsonNode task = call("POST", "/v1/tasks", "/v1/tasks", key, Map.of("name", "topics", "labels",
        List.of("sports", Map.of("name", "cooking", "text", "A recipe or a dish."))));
    String t = "/v1/tasks/" + task.get("id").asText();
    call("GET", "/v1/tasks", "/v1/tasks", key, null);
    call("GET", "/v1/tasks/{id}", t, key, null);
    call("PATCH", "/v1/tasks/{id}", t, key, Map.of("name", "topics 2", "template", "This text is about {}."));
    List<Map<String, String>> examples = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      examples.add(Map.of("text", "The team won match " + i, "label", "sports"));
      examples.add(Map.of("text", "Bake the cake number " + i, "label", "cooking"));
    }
    JsonNode added = call("POST", "/v1/tasks/{id}/examples", t + "/examples", key, examples);
    call("GET", "/v1/tasks/{id}/examples", t + "/examples?limit=2", key, null);
    JsonNode job = call("POST", "/v1/tasks/{id}/tune", t + "/tune", key, null);
    s.awaitJob(job.get("job").asText(), key);
    JsonNode done = call("GET", "/v1/jobs/{id}", "/v1/jobs/" + job.get("job").asText(), key, null);
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
    call("GET", "/v1/tasks/{id}/versions", t + "/versions", key, null);
    call("POST", "/v1/tasks/{id}/versions/{version}/activate", t + "/versions/1/activate", key, null);
    Reply head = s.get(t + "/head", key);
    assertThat(head.status()).isEqualTo(200);
    validate("GET", "/v1/tasks/{id}/head", head);
    called.add("GET /v1/tasks/{id}/head");
    call("PUT", "/v1/tasks/{id}/head", t + "/head", key, head.body());
    call("POST", "/v1/tasks/{id}/classify", t + "/classify", key, Map.of("texts", List.of("A goal in extra time")));
    call("POST", "/v1/classify", "/v1/classify", key, Map.of("texts", List.of("A goal"), "tasks",
        List.of(task.get("id").asText())));
    call("DELETE", "/v1/tasks/{id}/examples/{exampleId}", t + "/examples/" + added.at("/examples/0/id").asText(), key,
        null);
    JsonNode pool = call("POST", "/v1/tasks/{id}/pool", t + "/pool", key, Map.of("texts",
        List.of("A goal in the last minute", "Whisk the eggs", "A goal in the last minute", "")));
    call("GET", "/v1/tasks/{id}/pool", t + "/pool", key, null);
    call("GET", "/v1/tasks/{id}/suggestions", t + "/suggestions?n=2", key, null);
    call("POST", "/v1/tasks/{id}/pool/{poolId}/label", t + "/pool/" + pool.at("/added/0/id").asText() + "/label", key,
        Map.of("label", "sports"));
    call("DELETE", "/v1/tasks/{id}/pool/{poolId}", t + "/pool/" + pool.at("/added/1/id").asText(), key, null);
    call("GET", "/info", "/info", null, null);
    call("DELETE", "/v1/tasks/{id}", t, key, null);

    Set<String> documented = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
    }
    assertThat(called).containsExactlyInAnyOrderElementsOf(documented);

    // Error bodies follow the error schema of the operation too.
    validate("GET", "/v1/tasks/{id}", s.get("/v1/tasks/t_missing", key));
    validate("POST", "/v1/tasks", s.post("/v1/tasks", key, Map.of("name", 5, "labels", List.of("a", "b"))));
    validate("POST", "/v1/tasks", s.post("/v1/tasks", null, Map.of("name", "n", "labels", List.of("a", "b"))));
  }

  @Test
  void todaysKnownDriftWouldFail() {
    Reply task = s.post("/v1/tasks", s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "drift"))
        .json().get("key").asText(), Map.of("name", "t", "labels", List.of("a", "b")));
    ObjectNode extended = task.json().deepCopy();
    extended.put("undocumented", 1);
    assertThat(errors("#/components/schemas/TaskResponse", extended)).isNotEmpty();
    ObjectNode missing = task.json().deepCopy();
    missing.remove("created");
    assertThat(errors("#/components/schemas/TaskResponse", missing)).isNotEmpty();
    assertThat(errors("#/components/schemas/TaskResponse", task.json())).isEmpty();
  }

  private JsonNode call(String method, String template, String path, String key, Object body) {
    Reply r = s.call(method, path, key, body);
    assertThat(r.status()).as("%s %s: %s", method, path, r.json()).isBetween(200, 299);
    validate(method, template, r);
    called.add(method + " " + template);
    return r.json();
  }

  private static void validate(String method, String template, Reply r) {
    JsonNode response = doc.path("paths").path(template).path(method.toLowerCase()).path("responses")
        .path(Integer.toString(r.status()));
    assertThat(response.isMissingNode()).as("%s %s answered %s, which is not documented", method, template, r.status())
        .isFalse();
    JsonNode schema = response.at("/content/application~1json/schema");
    if (schema.isMissingNode()) {
      assertThat(r.body()).as("%s %s %s documents no body", method, template, r.status()).isEmpty();
      return;
    }
    assertThat(errors(schema.get("$ref").asText(), r.json())).as("%s %s %s: %s", method, template, r.status(), r.json())
        .isEmpty();
  }

  private static List<String> errors(String ref, JsonNode body) {
    ObjectNode root = ServerFixture.JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", ref);
    root.set("components", doc.get("components"));
    Schema schema = SCHEMAS.getSchema(root.toString());
    return schema.validate(body).stream().map(Error::toString).toList();
  }
}
