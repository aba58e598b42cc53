package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names and numbers a request carries never reach the database out of its bounds: a name longer than
 * an index holds is a 422 that states the limit, a path number out of its type's range a 404 that
 * says which range; on SQLite and on PostgreSQL, whose index rows are limited to about 2.7 KB.
 */
class InputLimitsTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void longNamesAndOutOfRangeNumbersAreRefusedBeforeTheStore(String store) throws Exception {
    PostgresLocation shared = store.equals("sqlite") ? null : new PostgresLocation(PostgresServer.freshSchema(), null);
    try (ServerFixture first = ServerFixture.start(dir.resolve("a"), c -> shared == null ? c : c.store(shared));
        ServerFixture second = shared == null ? first : ServerFixture.start(dir.resolve("b"), c -> c.store(shared))) {
      // On PostgreSQL two replicas share the store: the limits hold on each.
      ServerFixture s = first;
      ServerFixture other = second;
      String huge = "n".repeat(1 << 20);
      Reply tenant = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", huge));
      assertThat(tenant.status()).as(String.valueOf(tenant.json())).isEqualTo(422);
      assertThat(tenant.errorMessage()).contains("'name' is 1048576 characters long; the limit is 200");
      String key = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "n".repeat(200))).json()
          .get("key").asText();

      assertThat(s.post("/v1/tasks", key, Map.of("name", "t".repeat(201), "labels", List.of("a", "b"))).status())
          .isEqualTo(422);
      assertThat(s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of("a", "b"),
          "template", "{} " + "x".repeat(1_000))).errorMessage()).contains("'template'", "limit is 1000");
      assertThat(s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of(Map.of("name", "a", "text",
          "d".repeat(10_001)), "b"))).errorMessage()).contains("'text'", "limit is 10000");
      assertThat(s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of("l".repeat(257), "b"))).status())
          .isEqualTo(422);
      String task = s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of("a", "b"))).json().get("id").asText();
      assertThat(other.call("PATCH", "/v1/tasks/" + task, key, Map.of("name", "u".repeat(201))).status())
          .isEqualTo(422);
      assertThat(other.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", huge)).status()).isEqualTo(422);

      for (String version : List.of("2147483648", "-1", "0", "99999999999999999999")) {
        Reply r = other.post("/v1/tasks/" + task + "/versions/" + version + "/activate", key, null);
        assertThat(r.status()).as(version).isEqualTo(404);
        assertThat(r.errorMessage()).as(version).contains("'" + version + "'", "whole number from");
      }
      assertThat(s.post("/v1/tasks/" + task + "/versions/1/activate", key, null).status()).isEqualTo(200);
      for (String path : List.of("/v1/tasks/" + task + "/examples/9223372036854775808",
          "/v1/tasks/" + task + "/pool/-9223372036854775809")) {
        Reply r = s.call("DELETE", path, key, null);
        assertThat(r.status()).as(path).isEqualTo(404);
        assertThat(r.errorMessage()).as(path).contains("whole number from");
      }
      assertThat(s.post("/v1/admin/tenants/99999999999999999999/keys", ServerFixture.ADMIN_KEY, null).status())
          .isEqualTo(404);
    }
  }
}
