package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.store.sqlite.SqliteStore;
import dev.labeltune.testing.HeadFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At start-up every active head is checked against the loaded encoder; a mismatch is reported, never used. */
class StartupChecksTest {
  @TempDir
  Path dir;

  @Test
  void activeHeadForAnotherEncoderIsReportedInInfoAndNotServed() throws Exception {
    String good;
    String foreign;
    byte[] head;
    try (ServerFixture s = ServerFixture.start(dir, true)) {
      good = s.post("/v1/tasks", null, Map.of("name", "good", "labels", List.of("a", "b"))).json().get("id").asText();
      foreign = s.post("/v1/tasks", null, Map.of("name", "moved", "labels", List.of("a", "b"))).json().get("id").asText();
      head = s.get("/v1/tasks/" + foreign + "/head", null).body();
    }
    // As if the data directory were moved to a server with another model.
    Path file = dir.resolve("h.json");
    Files.write(file, head);
    ObjectNode root = HeadFiles.read(file);
    ((ObjectNode) root.get("provenance")).put("encoderFingerprint", "sha256:another-model");
    try (SqliteStore store = SqliteStore.open(dir.resolve("labeltune.db"))) {
      store.heads().add(foreign, HeadFiles.signed(root),
          new HeadVersion(0, "sha256:another-model", "lt", Double.NaN, Double.NaN, 0, Instant.now()), true);
    }
    try (ServerFixture s = ServerFixture.start(dir, true)) {
      Reply info = s.get("/info", null);
      assertThat(info.json().get("served_heads").asInt()).isEqualTo(1);
      assertThat(info.json().get("head_problems").toString()).contains(foreign).contains("sha256:another-model");
      Reply refused = s.post("/v1/tasks/" + foreign + "/classify", null, Map.of("texts", List.of("hello")));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("head_unavailable");
      assertThat(s.post("/v1/tasks/" + good + "/classify", null, Map.of("texts", List.of("hello"))).status())
          .isEqualTo(200);
      // Rolling back to the version made for this encoder serves the task again.
      assertThat(s.post("/v1/tasks/" + foreign + "/versions/1/activate", null, null).status()).isEqualTo(200);
      assertThat(s.post("/v1/tasks/" + foreign + "/classify", null, Map.of("texts", List.of("hello"))).status())
          .isEqualTo(200);
    }
  }

  @Test
  void keysTenantsAndTheirTasksSurviveARestart() throws Exception {
    String key;
    String task;
    try (ServerFixture s = ServerFixture.start(dir, false)) {
      key = s.post("/v1/admin/tenants", ServerFixture.ADMIN_KEY, Map.of("name", "acme")).json().get("key").asText();
      task = s.post("/v1/tasks", key, Map.of("name", "t", "labels", List.of("a", "b"))).json().get("id").asText();
    }
    try (ServerFixture s = ServerFixture.start(dir, false)) {
      assertThat(s.get("/v1/tasks/" + task, key).status()).isEqualTo(200);
      assertThat(s.get("/v1/admin/tenants", ServerFixture.ADMIN_KEY).json().toString()).contains("acme");
    }
  }

  @Test
  void noAuthRefusesToBindToAnythingButLoopback() {
    assertThatThrownBy(() -> ServerFixture.start(dir, c -> c.noAuth(true).host("0.0.0.0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
  }
}
