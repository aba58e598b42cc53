package dev.labeltune.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server in a process of its own, for {@link CrashTest} to kill or stop: writes its port to a file,
 * then serves until SIGTERM (graceful) or SIGKILL.
 */
public final class CrashTestServer {
  private CrashTestServer() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    ServerConfig config = ServerConfig.builder(dataDir).port(0).noAuth(true).adminKey("unused").build();
    LabelTuneServer server = LabelTuneServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
    Path portFile = dataDir.resolve("port");
    Files.writeString(dataDir.resolve("port.tmp"), Integer.toString(server.port()));
    Files.move(dataDir.resolve("port.tmp"), portFile);
    server.awaitShutdown();
  }
}
