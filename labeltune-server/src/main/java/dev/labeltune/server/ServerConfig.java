package dev.labeltune.server;

import dev.labeltune.server.store.postgres.PostgresLocation;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param batchTokens padded tokens per forward pass (texts times the longest's tokens): the batcher
 *     forms each pass of the waiting requests' texts under it, and the encoder runs with it as its own
 *     budget ({@link dev.labeltune.encoder.RuntimeOptions#batchTokens()}); by default
 *     {@link dev.labeltune.encoder.RuntimeOptions#TOKENS_PER_THREAD} per thread of a pass
 * @param encoderWorkers forward passes that run at once, each on {@code cores / encoderWorkers}
 *     threads: more passes on fewer threads each serve more concurrent requests per second (small
 *     passes scale poorly across threads), fewer on more threads answer a lone request sooner
 * @param adminKey the admin key, or null to read or create {@code admin.key} in the data directory
 * @param store a PostgreSQL database shared by several replicas, or null for the SQLite file in the
 *     data directory
 * @param jobLease how long a tuning job's lease lasts unless its server renews it: how long a job
 *     whose server died waits before another takes it
 * @since 0.1
 */
public record ServerConfig(String host, int port, Path dataDir, String model, boolean noAuth, int maxTextsPerRequest,
    long maxBodyBytes, int queueTexts, int batchTokens, int encoderWorkers, String adminKey, PostgresLocation store,
    Duration jobLease) {

  /** Validates. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(model, "model");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, found " + port);
    }
    Objects.requireNonNull(jobLease, "jobLease");
    if (jobLease.toMillis() < 100) {
      throw new IllegalArgumentException("jobLease must be at least 100 ms, found " + jobLease);
    }
    if (maxTextsPerRequest < 1 || queueTexts < maxTextsPerRequest || batchTokens < 16 || maxBodyBytes < 1024) {
      throw new IllegalArgumentException("Limits must be positive and the queue must hold one full request");
    }
    if (encoderWorkers < 1 || encoderWorkers > 256) {
      throw new IllegalArgumentException("encoderWorkers must be between 1 and 256, found " + encoderWorkers);
    }
  }

  /** @return the inference threads of each encoder worker's passes: the cores shared among the workers */
  public int encoderThreads() {
    return threadsPerWorker(encoderWorkers);
  }

  private static int threadsPerWorker(int workers) {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
  }

  /**
   * @param dataDir where the state lives
   * @return a builder with the defaults: loopback:8080, the default model, keys required, 256 texts
   *     and 4 MiB per request, 4096 queued texts, one encoder worker per core, 512 padded tokens
   *     per forward pass per thread it runs on
   */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** @return a builder starting from these settings */
  public Builder toBuilder() {
    return new Builder(dataDir).host(host).port(port).model(model).noAuth(noAuth)
        .maxTextsPerRequest(maxTextsPerRequest).maxBodyBytes(maxBodyBytes).queueTexts(queueTexts)
        .batchTokens(batchTokens).encoderWorkers(encoderWorkers).adminKey(adminKey).store(store).jobLease(jobLease);
  }

  /** Collects settings; every one has a default. */
  public static final class Builder {
    private final Path dataDir;
    private String host = "127.0.0.1";
    private int port = 8080;
    private String model = "all-minilm-l6-v2";
    private boolean noAuth;
    private int maxTextsPerRequest = 256;
    private long maxBodyBytes = 4L << 20;
    private int queueTexts = 4096;
    /** Null: {@link dev.labeltune.encoder.RuntimeOptions#TOKENS_PER_THREAD} per thread of a pass. */
    private Integer batchTokens;
    private int encoderWorkers = Runtime.getRuntime().availableProcessors();
    private String adminKey;
    private PostgresLocation store;
    private Duration jobLease = Duration.ofSeconds(30);

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** @return this, binding that address */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** @return this, listening on that port (0: any free one) */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** @return this, loading that model (a built-in name or a directory) */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** @return this, with or without API keys */
    public Builder noAuth(boolean noAuth) {
      this.noAuth = noAuth;
      return this;
    }

    /** @return this, with that limit of texts per classify request */
    public Builder maxTextsPerRequest(int max) {
      this.maxTextsPerRequest = max;
      return this;
    }

    /** @return this, with that limit on request bodies */
    public Builder maxBodyBytes(long max) {
      this.maxBodyBytes = max;
      return this;
    }

    /** @return this, with that many texts allowed to wait for the encoder */
    public Builder queueTexts(int texts) {
      this.queueTexts = texts;
      return this;
    }

    /** @return this, with that budget of padded tokens per forward pass */
    public Builder batchTokens(int tokens) {
      this.batchTokens = tokens;
      return this;
    }

    /** @return this, running that many forward passes at once */
    public Builder encoderWorkers(int workers) {
      this.encoderWorkers = workers;
      return this;
    }

    /** @return this, with that admin key (null: from the environment or the data directory) */
    public Builder adminKey(String key) {
      this.adminKey = key;
      return this;
    }

    /** @return this, keeping the store in that PostgreSQL database (null: SQLite in the data directory) */
    public Builder store(PostgresLocation store) {
      this.store = store;
      return this;
    }

    /** @return this, with that lease on tuning jobs */
    public Builder jobLease(Duration lease) {
      this.jobLease = lease;
      return this;
    }

    /** @return the settings @throws IllegalArgumentException if one is out of range */
    public ServerConfig build() {
      int tokens = batchTokens != null ? batchTokens
          : dev.labeltune.encoder.RuntimeOptions.TOKENS_PER_THREAD * threadsPerWorker(encoderWorkers);
      return new ServerConfig(host, port, dataDir, model, noAuth, maxTextsPerRequest, maxBodyBytes, queueTexts,
          tokens, encoderWorkers, adminKey, store, jobLease);
    }
  }
}
