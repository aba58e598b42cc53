package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.LabelTuneException;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One admin key per deployment: the first process on a store sets it, every other process sharing the
 * store takes the same one, so admin calls behind a load balancer work on every replica.
 */
class AdminKeyTest {
  @TempDir
  Path dir;

  @Test
  void replicasOnOneStoreShareTheAdminKeyTheFirstMade() throws Exception {
    PostgresLocation store = new PostgresLocation(PostgresServer.freshSchema(), null);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (ServerFixture a = ServerFixture.start(dir.resolve("a"), c -> c.store(store).adminKey(null),
        new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      String key = Files.readString(dir.resolve("a").resolve("admin.key")).trim();
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Admin key (shown once").contains(key);
      try (ServerFixture b = ServerFixture.start(dir.resolve("b"), c -> c.store(store).adminKey(null))) {
        assertThat(b.post("/v1/admin/tenants", key, Map.of("name", "made-on-b")).status()).isEqualTo(201);
        assertThat(a.get("/v1/admin/tenants", key).json().get("tenants")).hasSize(1);
        assertThat(dir.resolve("b").resolve("admin.key")).as("only the first process writes the key").doesNotExist();
        assertThat(b.post("/v1/admin/tenants", "ltadmin_another", Map.of("name", "x")).status()).isEqualTo(401);
      }
      try (ServerFixture c = ServerFixture.start(dir.resolve("c"), cfg -> cfg.store(store).adminKey(key))) {
        assertThat(c.get("/v1/admin/tenants", key).status()).as("the store's key, given explicitly").isEqualTo(200);
      }
      assertThatThrownBy(() -> ServerFixture.start(dir.resolve("d"), cfg -> cfg.store(store).adminKey("ltadmin_other")))
          .isInstanceOf(LabelTuneException.class).hasMessageContaining("already has an admin key");
    }
  }

  @Test
  void aStoreFromBeforeTheKeyWasSharedTakesItsDataDirectorysKey() throws Exception {
    Path data = dir.resolve("old");
    Files.createDirectories(data);
    Files.writeString(data.resolve("admin.key"), "ltadmin_from-an-older-version\n");
    try (ServerFixture s = ServerFixture.start(data, c -> c.adminKey(null))) {
      assertThat(s.get("/v1/admin/tenants", "ltadmin_from-an-older-version").status()).isEqualTo(200);
    }
    try (ServerFixture s = ServerFixture.start(data, c -> c.adminKey(null))) {
      assertThat(s.get("/v1/admin/tenants", "ltadmin_from-an-older-version").status()).as("after a restart")
          .isEqualTo(200);
    }
  }
}
