package dev.labeltune.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real server with the real model and a real SQLite file on a random port, and a small JSON client for it. */
final class ServerFixture extends ApiClient {
  static final String ADMIN_KEY = "ltadmin_test-admin-key";
  static final ObjectMapper JSON = ApiClient.JSON;

  final LabelTuneServer server;

  private ServerFixture(LabelTuneServer server) {
    super("http://127.0.0.1:" + server.port());
    this.server = server;
  }

  static ServerFixture start(Path dataDir, boolean noAuth) throws IOException {
    return start(dataDir, c -> c.noAuth(noAuth));
  }

  static ServerFixture start(Path dataDir, UnaryOperator<ServerConfig.Builder> change) throws IOException {
    return start(dataDir, change, new PrintStream(PrintStream.nullOutputStream()));
  }

  static ServerFixture start(Path dataDir, UnaryOperator<ServerConfig.Builder> change, PrintStream console)
      throws IOException {
    ServerConfig config = change.apply(ServerConfig.builder(dataDir).port(0).adminKey(ADMIN_KEY)).build();
    return new ServerFixture(LabelTuneServer.start(config, console));
  }

  @Override
  public void close() {
    server.close();
  }

}
