package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.server.LabelTuneServer;
import dev.labeltune.server.ServerConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service answers on the command line's class path, the one {@code labeltune.jar} runs with:
 * another module's dependency once replaced the servlet API the server needs there (every request
 * got 500 NoClassDefFoundError) while the server module's own tests passed.
 */
class ServeClasspathTest {

  @Test
  void healthAndAZeroShotTaskAnswer(@TempDir Path dir) throws Exception {
    ServerConfig config = ServerConfig.builder(dir).port(0).noAuth(true).build();
    try (LabelTuneServer server = LabelTuneServer.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/tasks"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"t\", \"labels\": [\"billing\", \"shipping\"]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }
}
