package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.LabelTuneException;
import dev.labeltune.server.ApiClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer meets first: keys of the wrong kind, unknown ids, a busy port, the ready line and --no-auth. */
class NewcomerMessagesTest {
  @TempDir
  Path dir;

  @Test
  void keysOfTheWrongKindAndUnknownIdsSayWhatToDo() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ServerFixture s = ServerFixture.start(dir, c -> c.noAuth(false),
        new PrintStream(console, true, StandardCharsets.UTF_8))) {
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("LabelTune is ready on http://127.0.0.1:" + s.server.port());

      Reply adminOnTenantRoute = s.get("/v1/tasks", ServerFixture.ADMIN_KEY);
      assertThat(adminOnTenantRoute.status()).isEqualTo(401);
      assertThat(adminOnTenantRoute.errorMessage()).contains("This is the admin key").contains("POST /v1/admin/tenants");

      String key = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "acme")).json().get("key").asText();
      Reply tenantOnAdminRoute = s.get("/v1/admin/tenants", key);
      assertThat(tenantOnAdminRoute.status()).isEqualTo(401);
      assertThat(tenantOnAdminRoute.errorMessage()).contains("This is a tenant's key");

      Reply missing = s.get("/v1/tasks/tickets", key);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.errorMessage()).contains("No task 'tickets'").contains("t_0123456789abcdef")
          .contains("GET /v1/tasks");
      assertThat(s.get("/v1/jobs/nope", key).errorMessage()).contains("/tune");

      Reply unknownField = s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of("a", "b"), "lables", 1));
      assertThat(unknownField.status()).isEqualTo(400);
      assertThat(unknownField.errorMessage()).contains("Unknown field 'lables'").contains("labels");
    }
  }

  @Test
  void aBusyPortIsOneLineThatSuggestsAnotherPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> ServerFixture.start(dir, c -> c.port(taken.getLocalPort())))
          .isInstanceOf(LabelTuneException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("--port");
    }
  }

  @Test
  void noAuthMintsNoAdminKeyAndSaysTheAdminRoutesAreOff() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ServerFixture s = ServerFixture.start(dir, c -> c.noAuth(true).adminKey(null),
        new PrintStream(console, true, StandardCharsets.UTF_8))) {
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("Admin key").contains("ready on");
      assertThat(Files.exists(dir.resolve("admin.key"))).isFalse();
      Reply admin = s.get("/v1/admin/tenants", null);
      assertThat(admin.status()).isEqualTo(403);
      assertThat(admin.errorCode()).isEqualTo("admin_off");
      assertThat(admin.errorMessage()).contains("--no-auth").contains("'default'");
      assertThat(s.post("/v1/tasks", null, Map.of("name", "t", "labels", List.of("a", "b"))).status()).isEqualTo(201);
    }
  }
}
