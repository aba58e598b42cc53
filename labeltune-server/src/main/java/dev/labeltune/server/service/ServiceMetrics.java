package dev.labeltune.server.service;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The service's Prometheus metrics, in a registry of its own (several servers can share a JVM):
 * request latency per route, the encoder queue, batch sizes in texts and tokens, encoder time and
 * the embedding cache's hit ratio.
 */
public final class ServiceMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram requestSeconds = Histogram.builder().name("labeltune_request_seconds")
      .help("Latency of HTTP requests by route, method and status").labelNames("route", "method", "status")
      .classicOnly().classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
      .register(registry);
  private final Histogram batchTexts = Histogram.builder().name("labeltune_batch_texts")
      .help("Texts per encoder call").classicOnly().classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
      .register(registry);
  private final Histogram batchTokens = Histogram.builder().name("labeltune_batch_tokens")
      .help("Estimated tokens (about four characters each) per encoder call").classicOnly()
      .classicUpperBounds(16, 64, 256, 1024, 2048, 4096, 8192, 16384).register(registry);
  private final Counter encoderSeconds = Counter.builder().name("labeltune_encoder_seconds")
      .help("Time spent in the encoder").register(registry);

  /**
   * @param queuedTexts texts waiting for the encoder now
   * @param cacheHitRatio the embedding cache's hit ratio
   * @param tasks the number of tasks served
   */
  public ServiceMetrics(DoubleSupplier queuedTexts, DoubleSupplier cacheHitRatio, DoubleSupplier tasks) {
    GaugeWithCallback.builder().name("labeltune_queue_texts").help("Texts waiting for the encoder")
        .callback(cb -> cb.call(queuedTexts.getAsDouble())).register(registry);
    GaugeWithCallback.builder().name("labeltune_cache_hit_ratio").help("Share of texts served from the embedding cache")
        .callback(cb -> cb.call(cacheHitRatio.getAsDouble())).register(registry);
    GaugeWithCallback.builder().name("labeltune_tasks").help("Tasks whose head is served")
        .callback(cb -> cb.call(tasks.getAsDouble())).register(registry);
  }

  /** Adds a gauge read at every scrape. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }

  /** Records one HTTP request. */
  public void request(String route, String method, int status, double seconds) {
    requestSeconds.labelValues(route, method, Integer.toString(status)).observe(seconds);
  }

  /** Records one encoder call. */
  public void batch(int texts, int tokens, double seconds) {
    batchTexts.observe(texts);
    batchTokens.observe(tokens);
    encoderSeconds.inc(seconds);
  }

  /** @return every metric in the Prometheus text format */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** @return the content type of {@link #scrape()} */
  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
