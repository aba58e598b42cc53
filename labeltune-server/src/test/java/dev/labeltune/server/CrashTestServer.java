package dev.labeltune.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A server in a process of its own, for {@link CrashTest} to kill: writes its port to a file, then serves. */
public final class CrashTestServer {
  private CrashTestServer() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withNoAuth(true).withAdminKey("unused");
    LabelTuneServer server = LabelTuneServer.start(config, new PrintStream(PrintStream.nullOutputStream()));
    Path portFile = dataDir.resolve("port");
    Files.writeString(dataDir.resolve("port.tmp"), Integer.toString(server.port()));
    Files.move(dataDir.resolve("port.tmp"), portFile);
    Thread.currentThread().join();
  }
}
