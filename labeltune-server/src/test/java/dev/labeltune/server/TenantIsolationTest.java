package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.server.ApiClient.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, tenants and the admin routes: a tenant sees only its own tasks and jobs, on every route. */
class TenantIsolationTest {
  @TempDir
  static Path dir;
  private static ServerFixture s;
  private static String keyA;
  private static String keyB;
  private static String taskA;
  private static String jobA;

  @BeforeAll
  static void start() throws Exception {
    s = ServerFixture.start(dir, false);
    keyA = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "acme")).json().get("key").asText();
    keyB = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "globex")).json().get("key").asText();
    taskA = s.post("/v1/tasks", keyA, Map.of("name", "a", "labels", List.of("x", "y"))).json().get("id").asText();
    s.post("/v1/tasks/" + taskA + "/examples", keyA, List.of(Map.of("text", "x one", "label", "x"),
        Map.of("text", "x two", "label", "x"), Map.of("text", "y one", "label", "y"), Map.of("text", "y two", "label", "y")));
    jobA = s.post("/v1/tasks/" + taskA + "/tune", keyA, null).json().get("job").asText();
    s.awaitJob(jobA, keyA);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void anotherTenantsTaskAnswers404OnEveryRouteExactlyAsAMissingOne() {
    String t = "/v1/tasks/" + taskA;
    List<Object[]> routes = List.of(
        new Object[] {"GET", t, null}, new Object[] {"PATCH", t, Map.of("name", "stolen")},
        new Object[] {"DELETE", t, null},
        new Object[] {"POST", t + "/examples", List.of(Map.of("text", "z", "label", "x"))},
        new Object[] {"GET", t + "/examples", null}, new Object[] {"DELETE", t + "/examples/1", null},
        new Object[] {"POST", t + "/tune", null}, new Object[] {"GET", "/v1/jobs/" + jobA, null},
        new Object[] {"GET", t + "/versions", null}, new Object[] {"POST", t + "/versions/1/activate", null},
        new Object[] {"GET", t + "/head", null}, new Object[] {"PUT", t + "/head", "{}"},
        new Object[] {"POST", t + "/classify", Map.of("texts", List.of("hello"))},
        new Object[] {"POST", t + "/pool", Map.of("texts", List.of("hello"))}, new Object[] {"GET", t + "/pool", null},
        new Object[] {"GET", t + "/suggestions", null},
        new Object[] {"POST", t + "/pool/1/label", Map.of("label", "x")}, new Object[] {"DELETE", t + "/pool/1", null},
        new Object[] {"POST", "/v1/classify", Map.of("texts", List.of("hello"), "tasks", List.of(taskA))});
    for (Object[] r : routes) {
      Reply stranger = s.call((String) r[0], (String) r[1], keyB, r[2]);
      Reply missing = s.call((String) r[0], ((String) r[1]).replace(taskA, "t_missing").replace(jobA, "j_missing"), keyB,
          r[2] instanceof Map<?, ?> m && m.containsKey("tasks") ? Map.of("texts", List.of("hello"), "tasks",
              List.of("t_missing")) : r[2]);
      assertThat(stranger.status()).as("%s %s", r[0], r[1]).isEqualTo(404);
      assertThat(stranger.errorMessage()).as("%s %s", r[0], r[1])
          .isEqualTo(missing.errorMessage().replace("t_missing", taskA).replace("j_missing", jobA));
    }
    assertThat(s.get("/v1/tasks", keyB).json().get("items")).isEmpty();
    assertThat(s.get(t, keyA).status()).isEqualTo(200);
    assertThat(s.get(t, keyA).json().get("name").asText()).isEqualTo("a");
  }

  @Test
  void keysAreRequiredExceptOnHealthAndMetrics() {
    assertThat(s.get("/v1/tasks", null).status()).isEqualTo(401);
    assertThat(s.get("/v1/tasks", "ltk_nothing_here").status()).isEqualTo(401);
    assertThat(s.get("/v1/tasks", null).errorCode()).isEqualTo("unauthorized");
    assertThat(s.get("/health", null).status()).isEqualTo(200);
    assertThat(s.get("/metrics", null).status()).isEqualTo(200);
    assertThat(s.get("/v1/admin/tenants", keyA).status()).isEqualTo(401);
    assertThat(s.get("/v1/admin/tenants", ServerFixture.ADMIN_KEY).json().get("tenants")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void revokingAKeyTakesEffectOnTheNextRequest() {
    long tenant = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "initech")).json().get("id").asLong();
    Reply made = s.post("/v1/admin/tenants/" + tenant + "/keys", ServerFixture.ADMIN_KEY, null);
    String key = made.json().get("key").asText();
    assertThat(s.get("/v1/tasks", key).status()).isEqualTo(200);
    assertThat(s.call("DELETE", "/v1/admin/keys/" + made.json().get("key_id").asText(), ServerFixture.ADMIN_KEY, null)
        .status()).isEqualTo(204);
    assertThat(s.get("/v1/tasks", key).status()).isEqualTo(401);
  }
}
