package dev.labeltune.server;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.server.http.HttpApi;
import dev.labeltune.server.service.ActiveHeads;
import dev.labeltune.server.service.ApiKeys;
import dev.labeltune.server.service.EncodingBatcher;
import dev.labeltune.server.service.ServiceMetrics;
import dev.labeltune.server.service.TaskService;
import dev.labeltune.server.store.SqliteTaskStore;
import dev.labeltune.server.store.StoreRecords.Tenant;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The LabelTune service: one encoder, the task store in the data directory, the active heads of every
 * task, the encoding batcher and the HTTP routes. {@link #start} opens everything and binds;
 * {@link #close} stops accepting, lets requests in flight finish, marks running jobs interrupted and
 * closes the store and encoder.
 *
 * <pre>{@code
 * try (LabelTuneServer server = LabelTuneServer.start(ServerConfig.builder(Path.of("data")).build(), System.out)) {
 *   server.awaitShutdown();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class LabelTuneServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LabelTuneServer.class);
  private static final String ADMIN_KEY_FILE = "admin.key";
  private static final String DEFAULT_TENANT = "default";

  private final Encoder encoder;
  private final SqliteTaskStore store;
  private final EncodingBatcher batcher;
  private final TaskService tasks;
  private final HttpApi api;
  private final Javalin http;

  private LabelTuneServer(Encoder encoder, SqliteTaskStore store, EncodingBatcher batcher, TaskService tasks,
      HttpApi api, Javalin http) {
    this.encoder = encoder;
    this.store = store;
    this.batcher = batcher;
    this.tasks = tasks;
    this.api = api;
    this.http = http;
  }

  /**
   * Loads the model, opens and migrates the store, loads every active head and starts serving.
   *
   * @param config where and how to serve
   * @param console where the admin key is printed the first time it is made
   * @return the running server
   * @throws IOException if the data directory cannot be used
   * @throws IllegalArgumentException if {@code --no-auth} is asked on a non-loopback address
   */
  public static LabelTuneServer start(ServerConfig config, PrintStream console) throws IOException {
    if (config.noAuth() && !InetAddress.getByName(config.host()).isLoopbackAddress()) {
      throw new IllegalArgumentException("--no-auth serves without keys, so it binds only to a loopback address, not '"
          + config.host() + "'");
    }
    Files.createDirectories(config.dataDir());
    SqliteTaskStore store = SqliteTaskStore.open(config.dataDir().resolve("labeltune.db"));
    Encoder encoder = null;
    HttpApi api = null;
    Javalin http = null;
    try {
      ApiKeys keys = new ApiKeys(store);
      String adminKey = adminKey(config, keys, console);
      long implicitTenant = store.tenantNamed(DEFAULT_TENANT).map(Tenant::id)
          .orElseGet(() -> store.createTenant(DEFAULT_TENANT).id());
      api = new HttpApi(config, store, keys, adminKey, implicitTenant);
      http = api.create();
      // Bound before the model loads: until it is ready, /health says so and the API answers 503.
      http.start(config.host(), config.port());
      encoder = ModelRegistry.load(config.model(), RuntimeOptions.defaults());
      ActiveHeads heads = new ActiveHeads();
      Encoder loaded = encoder;
      EncodingBatcher[] queue = new EncodingBatcher[1];
      ServiceMetrics metrics = new ServiceMetrics(() -> queue[0].queuedTexts(),
          () -> loaded instanceof OnnxEncoder onnx ? onnx.cacheHitRatio() : 0, heads::size);
      EncodingBatcher batcher = new EncodingBatcher(encoder, config.queueTexts(), config.batchTokens(), metrics::batch);
      queue[0] = batcher;
      TaskService tasks = new TaskService(store, encoder, batcher, heads);
      int served = tasks.loadActiveHeads();
      api.ready(new HttpApi.Services(tasks, encoder.info(), heads, metrics));
      LOG.info("LabelTune serves {} task(s) with model '{}' on http://{}:{}", served, encoder.info().name(),
          config.host(), http.port());
      return new LabelTuneServer(encoder, store, batcher, tasks, api, http);
    } catch (RuntimeException | IOException | Error e) {
      if (http != null) {
        http.stop();
      }
      store.close();
      if (encoder != null) {
        encoder.close();
      }
      throw e;
    }
  }

  private static String adminKey(ServerConfig config, ApiKeys keys, PrintStream console) throws IOException {
    if (config.adminKey() != null) {
      return config.adminKey();
    }
    String env = System.getenv("LABELTUNE_ADMIN_KEY");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    Path file = config.dataDir().resolve(ADMIN_KEY_FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    String key = keys.newAdminKey();
    Path temp = Files.createTempFile(config.dataDir(), ".admin", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      LOG.warn("Cannot restrict the permissions of {}", file);
    }
    Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    console.println("Admin key (shown once, also in " + file + "): " + key);
    return key;
  }

  /** @return the port the server listens on */
  public int port() {
    return http.port();
  }

  /** @return the store, for checks */
  public SqliteTaskStore store() {
    return store;
  }

  /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then closes the server. */
  public void awaitShutdown() throws InterruptedException {
    Thread current = Thread.currentThread();
    Runnable stop = () -> {
      close();
      current.interrupt();
    };
    // SIGTERM and SIGINT close the server before the JVM's shutdown hooks start: ONNX Runtime's own
    // hook releases its environment at once, which crashed inference still running for a request
    // being drained (seen as SIGSEGV in the crash test). Once closed, nothing runs inference and
    // exiting runs the hooks safely. The hook below covers other ways of exiting.
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(new Signal(name), signal -> {
          stop.run();
          System.exit(0);
        });
      } catch (IllegalArgumentException e) {
        LOG.debug("Cannot handle SIG{} ({}); relying on the shutdown hook", name, e.getMessage());
      }
    }
    Thread hook = new Thread(stop, "labeltune-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      LOG.info("LabelTune stopped");
    }
  }

  private volatile boolean closed;

  /**
   * Stops taking API requests (503), lets those in flight finish (up to 10 s), marks running jobs
   * interrupted, then closes the HTTP server, store and encoder.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!api.drain(10_000)) {
        LOG.warn("Requests still in flight after 10 s; stopping anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop();
    batcher.close();
    tasks.close();
    store.close();
    encoder.close();
  }
}
