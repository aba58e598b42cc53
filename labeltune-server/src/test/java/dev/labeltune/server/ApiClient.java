package dev.labeltune.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON client of the server at {@code base}. */
class ApiClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status, parsed JSON body (or null), raw body and the response itself. */
  record Reply(int status, JsonNode json, byte[] body, HttpResponse<byte[]> raw) {
    String errorCode() {
      return json == null ? null : json.path("error").path("code").asText(null);
    }

    String errorMessage() {
      return json == null ? null : json.path("error").path("message").asText(null);
    }
  }

  final String base;

  ApiClient(String base) {
    this.base = base;
  }

  Reply call(String method, String path, String key, Object body) {
    try {
      byte[] bytes = body == null ? new byte[0]
          : body instanceof byte[] b ? b : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
          : JSON.writeValueAsBytes(body);
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(bytes))
          .header("Content-Type", "application/json");
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json;
      try {
        json = r.body().length == 0 ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        json = null;
      }
      return new Reply(r.statusCode(), json, r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path, String key) {
    return call("GET", path, key, null);
  }

  Reply post(String path, String key, Object body) {
    return call("POST", path, key, body);
  }

  /** Polls a job until it ends. */
  JsonNode awaitJob(String jobId, String key) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode job = get("/v1/jobs/" + jobId, key).json();
      String state = job.path("state").asText();
      if (!state.equals("queued") && !state.equals("running")) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Job " + jobId + " did not end within 60 s");
  }

  /** A client holds nothing to close; the fixture closes its server. */
  @Override
  public void close() {}
}
