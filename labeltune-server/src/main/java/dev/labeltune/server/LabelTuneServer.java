package dev.labeltune.server;

import dev.labeltune.LabelTuneException;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import dev.labeltune.server.domain.AdminKey;
import dev.labeltune.server.http.ApiServer;
import dev.labeltune.server.service.ActiveHeads;
import dev.labeltune.server.service.ApiKeys;
import dev.labeltune.server.service.EncodingBatcher;
import dev.labeltune.server.service.PoolService;
import dev.labeltune.server.service.ServiceMetrics;
import dev.labeltune.server.service.Services;
import dev.labeltune.server.service.TenantService;
import dev.labeltune.server.store.jdbc.JdbcStore;
import dev.labeltune.server.store.postgres.PostgresStore;
import dev.labeltune.server.store.sqlite.SqliteStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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

  private final JdbcStore store;
  private final ApiServer api;
  private final Javalin http;
  private Encoder encoder;
  private EncodingBatcher batcher;
  private Services services;
  private volatile boolean closed;

  private LabelTuneServer(JdbcStore store, ApiServer api, Javalin http) {
    this.store = store;
    this.api = api;
    this.http = http;
  }

  /**
   * Opens and migrates the store, binds the port, loads the model and every active head, then serves
   * and prints the line {@code LabelTune is ready on http://host:port} to {@code console}.
   *
   * @param config where and how to serve
   * @param console where the ready line, and the admin key the first time it is made, are printed
   * @return the running server
   * @throws IOException if the data directory cannot be used
   * @throws IllegalArgumentException if {@code --no-auth} is asked on a non-loopback address
   * @throws LabelTuneException if the port is taken
   */
  public static LabelTuneServer start(ServerConfig config, PrintStream console) throws IOException {
    if (config.noAuth() && !InetAddress.getByName(config.host()).isLoopbackAddress()) {
      throw new IllegalArgumentException("--no-auth serves without keys, so it binds only to a loopback address, not '"
          + config.host() + "'");
    }
    Files.createDirectories(config.dataDir());
    JdbcStore store = config.store() != null ? PostgresStore.open(config.store())
        : SqliteStore.open(config.dataDir().resolve("labeltune.db"));
    LabelTuneServer server = null;
    try {
      TenantService tenants = new TenantService(store.tenants());
      ApiServer.Settings settings = new ApiServer.Settings(!config.noAuth(), config.maxTextsPerRequest(),
          config.maxBodyBytes(), config.queueTexts(), config.batchTokens());
      ApiServer api = config.noAuth() ? new ApiServer(settings, tenants, null, tenants.defaultTenant())
          : new ApiServer(settings, tenants, adminKey(config, tenants, console), null);
      // Bound before the model loads: until it is ready, /health says so and the API answers 503.
      server = new LabelTuneServer(store, api, bind(api.create(), config));
      server.load(config);
      console.println("LabelTune is ready on http://" + config.host() + ":" + server.port() + " ("
          + server.services.active().size() + " task(s), model '" + server.batcher.info().name() + "')");
      return server;
    } catch (RuntimeException | Error e) {
      if (server != null) {
        server.close();
      } else {
        store.close();
      }
      throw e;
    }
  }

  private static Javalin bind(Javalin http, ServerConfig config) {
    // Tried first on a socket of our own, so a taken port is one line here, not Javalin's error log.
    if (config.port() != 0) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(config.host(), config.port()));
      } catch (IOException e) {
        throw portTaken(config, e);
      }
    }
    try {
      return http.start(config.host(), config.port());
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          throw portTaken(config, t);
        }
      }
      throw e;
    }
  }

  private static LabelTuneException portTaken(ServerConfig config, Throwable cause) {
    return new LabelTuneException("Cannot listen on " + config.host() + ":" + config.port() + ": "
        + cause.getMessage() + " (is another labeltune serve running?); choose another port with --port", cause);
  }

  private void load(ServerConfig config) {
    encoder = ModelRegistry.load(config.model(),
        RuntimeOptions.defaults().withBatchTokens(config.batchTokens()).withThreads(config.encoderThreads()));
    Encoder loaded = encoder;
    EncodingBatcher[] queue = new EncodingBatcher[1];
    ActiveHeads active = new ActiveHeads();
    ServiceMetrics metrics = new ServiceMetrics(() -> queue[0].queuedTexts(),
        () -> loaded instanceof OnnxEncoder onnx ? onnx.cacheHitRatio() : 0, active::size);
    batcher = new EncodingBatcher(encoder, config.queueTexts(), config.batchTokens(), config.encoderWorkers(),
        metrics::batch);
    queue[0] = batcher;
    services = Services.open(store, batcher, active, config.jobLease());
    PoolService pools = services.pools();
    metrics.gauge("labeltune_pool_texts", "Unlabeled texts in every task's pool", pools::countAll);
    api.ready(new ApiServer.Ready(services, batcher.info(), metrics));
    LOG.info("LabelTune serves {} task(s) with model '{}' on http://{}:{}", services.active().size(),
        batcher.info().name(), config.host(), http.port());
  }

  /**
   * The deployment's one admin key, kept hashed in the store: every process sharing the store accepts
   * the same key. The first process to start on a store sets it, from {@code --admin-key} or
   * {@code LABELTUNE_ADMIN_KEY}, else from its data directory's {@code admin.key} (a store from before
   * the key was shared), else a new key it prints once and writes there. A later process takes the
   * store's; a key given to it must be that one.
   *
   * @throws LabelTuneException if a key is given that is not the store's
   */
  private static AdminKey adminKey(ServerConfig config, TenantService tenants, PrintStream console) throws IOException {
    String given = config.adminKey();
    String env = System.getenv("LABELTUNE_ADMIN_KEY");
    if (given == null && env != null && !env.isBlank()) {
      given = env.trim();
    }
    Optional<AdminKey> stored = tenants.adminKey();
    if (stored.isPresent()) {
      if (given != null && !ApiKeys.isAdmin(given, stored.get())) {
        throw new LabelTuneException("The store already has an admin key, and the one given (--admin-key or "
            + "LABELTUNE_ADMIN_KEY) is another: give the store's, or none to take it (the first process on this "
            + "store printed it and wrote it to its data directory's " + ADMIN_KEY_FILE + ")");
      }
      return stored.get();
    }
    Path file = config.dataDir().resolve(ADMIN_KEY_FILE);
    String key = given != null ? given : Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    boolean made = key == null;
    if (made) {
      key = ApiKeys.newAdminKey();
    }
    AdminKey inForce = tenants.adoptAdminKey(key);
    if (made && ApiKeys.isAdmin(key, inForce)) {
      writeAdminKey(file, key, console);
    }
    return inForce;
  }

  private static void writeAdminKey(Path file, String key, PrintStream console) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), ".admin", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      LOG.warn("Cannot restrict the permissions of {}", file);
    }
    Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    console.println("Admin key (shown once, also in " + file + "): " + key);
  }

  /** @return the port the server listens on */
  public int port() {
    return http.port();
  }

  /** @return the services, once the model has loaded */
  public Services services() {
    return services;
  }

  /** @return the store, for checks */
  public JdbcStore store() {
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
    // The tuning job goes first: it encodes through the batcher, and stops at its next run once asked.
    if (services != null) {
      services.close();
    }
    if (batcher != null) {
      batcher.close();
    }
    store.close();
    if (encoder != null) {
      encoder.close();
    }
  }
}
