package dev.labeltune.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the service runs.
 *
 * @param host the address to bind; with {@code noAuth} only a loopback address is accepted
 * @param port the port, 0 for any free one
 * @param dataDir where the task store and the admin key file live
 * @param model the encoder: a built-in name or a model directory
 * @param noAuth serve one implicit tenant without keys (local use only)
 * @param maxTextsPerRequest most texts in one classify request
 * @param maxBodyBytes largest request body
 * @param queueTexts most texts waiting for the encoder before requests get 429
 * @param batchTokens token budget of one encoder batch (sum of padded lengths)
 * @param adminKey the admin key, or null to read or create {@code admin.key} in the data directory
 * @since 0.1
 */
public record ServerConfig(String host, int port, Path dataDir, String model, boolean noAuth, int maxTextsPerRequest,
    long maxBodyBytes, int queueTexts, int batchTokens, String adminKey) {

  /** Validates. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(model, "model");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, found " + port);
    }
    if (maxTextsPerRequest < 1 || queueTexts < maxTextsPerRequest || batchTokens < 16 || maxBodyBytes < 1024) {
      throw new IllegalArgumentException("Limits must be positive and the queue must hold one full request");
    }
  }

  /**
   * @param dataDir where the state lives
   * @return loopback:8080, the default model, keys required, 256 texts and 4 MiB per request
   */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig("127.0.0.1", 8080, dataDir, "all-minilm-l6-v2", false, 256, 4L << 20, 4096, 8192, null);
  }

  /** @return a copy with that port */
  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, dataDir, model, noAuth, maxTextsPerRequest, maxBodyBytes, queueTexts,
        batchTokens, adminKey);
  }

  /** @return a copy with that host */
  public ServerConfig withHost(String host) {
    return new ServerConfig(host, port, dataDir, model, noAuth, maxTextsPerRequest, maxBodyBytes, queueTexts,
        batchTokens, adminKey);
  }

  /** @return a copy without or with key checks */
  public ServerConfig withNoAuth(boolean noAuth) {
    return new ServerConfig(host, port, dataDir, model, noAuth, maxTextsPerRequest, maxBodyBytes, queueTexts,
        batchTokens, adminKey);
  }

  /** @return a copy with that admin key */
  public ServerConfig withAdminKey(String adminKey) {
    return new ServerConfig(host, port, dataDir, model, noAuth, maxTextsPerRequest, maxBodyBytes, queueTexts,
        batchTokens, adminKey);
  }

  /** @return a copy with those queue limits */
  public ServerConfig withQueue(int queueTexts, int maxTextsPerRequest) {
    return new ServerConfig(host, port, dataDir, model, noAuth, maxTextsPerRequest, maxBodyBytes, queueTexts,
        batchTokens, adminKey);
  }
}
