package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.InferenceException;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.server.ApiClient.Reply;
import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.StoreUnavailableException;
import dev.labeltune.server.http.ApiServer;
import dev.labeltune.server.service.ActiveHeads;
import dev.labeltune.server.service.EncodingBatcher;
import dev.labeltune.server.service.ServiceMetrics;
import dev.labeltune.server.service.Services;
import dev.labeltune.server.service.TenantService;
import dev.labeltune.server.store.ExampleStore;
import dev.labeltune.server.store.HeadChanges;
import dev.labeltune.server.store.HeadStore;
import dev.labeltune.server.store.JobStore;
import dev.labeltune.server.store.PoolStore;
import dev.labeltune.server.store.Store;
import dev.labeltune.server.store.TaskStore;
import dev.labeltune.server.store.TenantStore;
import dev.labeltune.server.store.sqlite.SqliteStore;
import dev.labeltune.testing.FakeEncoder;
import io.javalin.Javalin;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that are not the client's: a store that cannot write (a full disk simulated by a failing
 * DAO) and an encoder that fails answer 500 with an opaque error id and nothing of the cause in the
 * body; a store that cannot be reached and a draining server answer 503 with Retry-After.
 */
class FaultStatusTest {
  @TempDir
  Path dir;

  /** A fake encoder whose inference fails while {@code broken} is set. */
  private static final class BreakableEncoder implements Encoder {
    final AtomicBoolean broken = new AtomicBoolean();
    private final FakeEncoder fake = new FakeEncoder(16);

    @Override
    public EncoderInfo info() {
      return fake.info();
    }

    @Override
    public float[][] embedBatch(List<String> texts) {
      if (broken.get()) {
        throw new InferenceException("ONNX Runtime failed: [ErrorCode:RUNTIME_EXCEPTION] out of memory");
      }
      return fake.embedBatch(texts);
    }

    @Override
    public List<dev.labeltune.encoder.TokenFeatures> tokenFeatures(List<String> texts) {
      return fake.tokenFeatures(texts);
    }

    @Override
    public void close() {
      fake.close();
    }
  }

  /** The SQLite store with a task DAO that throws {@code failure} while it is set: a full disk, a database down. */
  private record FailingStore(SqliteStore real, AtomicReference<StoreException> failure) implements Store {
    @Override
    public TaskStore tasks() {
      return (TaskStore) Proxy.newProxyInstance(TaskStore.class.getClassLoader(), new Class<?>[] {TaskStore.class},
          (proxy, method, args) -> {
            if (failure.get() != null) {
              throw failure.get();
            }
            try {
              return method.invoke(real.tasks(), args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public TenantStore tenants() {
      return real.tenants();
    }

    @Override
    public ExampleStore examples() {
      return real.examples();
    }

    @Override
    public HeadStore heads() {
      return real.heads();
    }

    @Override
    public JobStore jobs() {
      return real.jobs();
    }

    @Override
    public PoolStore pools() {
      return real.pools();
    }

    @Override
    public HeadChanges headChanges() {
      return real.headChanges();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @Test
  void storageAndInferenceFailuresAnswer500WithAnErrorIdAndDrainingAnswers503() throws Exception {
    AtomicReference<StoreException> failure = new AtomicReference<>();
    BreakableEncoder encoder = new BreakableEncoder();
    try (Store store = new FailingStore(SqliteStore.open(dir.resolve("f.db")), failure);
        EncodingBatcher batcher = new EncodingBatcher(encoder, 64, 1024, 1, (texts, tokens, seconds) -> { })) {
      TenantService tenants = new TenantService(store.tenants());
      ApiServer api = new ApiServer(new ApiServer.Settings(false, 256, 4L << 20, 64, 1024), tenants, null,
          tenants.defaultTenant());
      ActiveHeads active = new ActiveHeads();
      Services services = Services.open(store, batcher, active, java.time.Duration.ofSeconds(30));
      EncoderInfo info = encoder.info();
      api.ready(new ApiServer.Ready(services, info, new ServiceMetrics(() -> 0, () -> 0, active::size)));
      Javalin http = api.create().start("127.0.0.1", 0);
      try (ApiClient c = new ApiClient("http://127.0.0.1:" + http.port())) {
        Reply created = c.post("/v1/tasks", null, Map.of("name", "t", "labels", List.of("a", "b")));
        assertThat(created.status()).isEqualTo(201);
        String task = created.json().get("id").asText();

        failure.set(new StoreException("The store could not write: [SQLITE_FULL] database or disk is full (INSERT INTO "
            + "tasks ...)", new SQLException("SQLITE_FULL")));
        Reply stored = c.post("/v1/tasks", null, Map.of("name", "u", "labels", List.of("a", "b")));
        assertFault(stored, "storage_error");
        assertFault(c.get("/v1/tasks", null), "storage_error");

        failure.set(new StoreUnavailableException("The store could not read: Connection to 10.0.0.5:5432 refused",
            new SQLException("refused", "08001")));
        Reply down = c.get("/v1/tasks", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.errorCode()).isEqualTo("store_unavailable");
        assertThat(down.errorMessage()).doesNotContain("10.0.0.5", "refused");
        assertThat(down.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(c.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("hello"))).status())
            .as("classification reads no database").isEqualTo(200);
        failure.set(null);

        encoder.broken.set(true);
        assertFault(c.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("hello"))),
            "inference_error");
        encoder.broken.set(false);
        assertThat(c.post("/v1/tasks/" + task + "/classify", null, Map.of("texts", List.of("hello"))).status())
            .isEqualTo(200);

        assertThat(api.drain(1_000)).isTrue();
        Reply draining = c.get("/v1/tasks", null);
        assertThat(draining.status()).isEqualTo(503);
        assertThat(draining.errorCode()).isEqualTo("unavailable");
        assertThat(draining.errorMessage()).contains("shutting down");
        assertThat(draining.raw().headers().firstValue("Retry-After")).contains("5");
        assertThat(c.get("/health", null).status()).isEqualTo(503);
      } finally {
        http.stop();
        services.close();
      }
    }
  }

  private static void assertFault(Reply r, String code) {
    assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(500);
    assertThat(r.errorCode()).isEqualTo(code);
    String id = r.json().at("/error/id").asText();
    assertThat(id).matches("e_[0-9a-f]{12}");
    assertThat(r.errorMessage()).contains(id).doesNotContainIgnoringCase("sql").doesNotContain("ONNX", "INSERT",
        "memory", "Exception");
  }
}
