package dev.labeltune.cli;

import dev.labeltune.server.LabelTuneServer;
import dev.labeltune.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code labeltune serve}: the HTTP service, one encoder for every task. */
@Command(name = "serve", description = "Serve tasks over HTTP: create, tune and classify, with state in a SQLite "
    + "file in the data directory, or in PostgreSQL (--store) shared by several replicas. Keys are required unless "
    + "--no-auth (loopback only).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--data-dir", defaultValue = "./labeltune-data",
      description = "Where the task store and admin key live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Mixin ModelChoice model;

  @Option(names = "--no-auth", description = "Serve one implicit tenant without API keys; binds to loopback only.")
  boolean noAuth;

  @Option(names = "--store", defaultValue = "${env:LABELTUNE_STORE}", description = "A PostgreSQL database shared "
      + "by every replica, as postgresql://host:5432/database?user=name (also LABELTUNE_STORE); the password comes "
      + "from LABELTUNE_STORE_PASSWORD or --store-password-file, never the URL. Default: SQLite in --data-dir.")
  String store;

  @Mixin StorePasswordOption password;

  @Option(names = "--encoder-workers", description = "Forward passes run at once, each on cores / N threads "
      + "(default: one per core, the most requests per second; 1 answers a lone large request soonest).")
  Integer encoderWorkers;


  @Override
  public Integer call() throws Exception {
    ServerConfig.Builder builder = ServerConfig.builder(dataDir).host(host).port(port).model(model.name()).noAuth(noAuth)
        .store(store == null || store.isBlank() ? null : password.location("--store", store));
    if (encoderWorkers != null) {
      builder.encoderWorkers(encoderWorkers);
    }
    ServerConfig config = builder.build();
    try (LabelTuneServer server = LabelTuneServer.start(config, System.out)) {
      server.awaitShutdown();
    }
    return 0;
  }
}
