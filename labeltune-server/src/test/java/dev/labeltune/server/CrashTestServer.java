package dev.labeltune.server;

import dev.labeltune.server.store.postgres.PostgresLocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server in a process of its own, for {@link CrashTest} and {@link ReplicaCrashTest} to kill or
 * stop: writes its port to a file, then serves until SIGTERM (graceful) or SIGKILL. Arguments: the
 * data directory, then optionally a PostgreSQL JDBC URL and a job lease in milliseconds, then
 * optionally an admin key, which turns keys on (without one the server runs {@code --no-auth}).
 */
public final class CrashTestServer {
  private CrashTestServer() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    ServerConfig.Builder builder = ServerConfig.builder(dataDir).port(0).noAuth(true).adminKey("unused");
    if (args.length > 1) {
      builder.store(new PostgresLocation(args[1], null)).jobLease(Duration.ofMillis(Long.parseLong(args[2])));
    }
    if (args.length > 3) {
      builder.noAuth(false).adminKey(args[3]);
    }
    ServerConfig config = builder.build();
    LabelTuneServer server = LabelTuneServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
    Path portFile = dataDir.resolve("port");
    Files.writeString(dataDir.resolve("port.tmp"), Integer.toString(server.port()));
    Files.move(dataDir.resolve("port.tmp"), portFile);
    server.awaitShutdown();
  }
}
