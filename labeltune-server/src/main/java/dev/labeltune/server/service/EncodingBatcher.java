package dev.labeltune.server.service;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shares encoder calls between concurrent requests. One thread owns the encoder: it takes the oldest
 * waiting request and, without waiting for more, adds whatever other requests are already queued
 * until the batch's token budget is spent, then encodes them in one call (the encoder sorts the
 * texts by length and runs them in forward passes under its own token budget, {@link
 * dev.labeltune.encoder.BatchPlan}). An idle encoder therefore starts on a request at once, and a
 * busy one serves many requests per call. The queue is bounded in texts: a request that does not
 * fit is refused at once (a {@link ServiceException} of kind busy), never left to wait without bound.
 */
public final class EncodingBatcher implements AutoCloseable {
  /** A request waiting for its embeddings. */
  private record Pending(List<String> texts, int tokens, CompletableFuture<TextEmbeddings> result) {}

  private final Encoder encoder;
  private final int maxQueuedTexts;
  private final int batchTokens;
  private final int maxTokensPerText;
  private final BlockingQueue<Pending> queue;
  private final AtomicInteger queuedTexts = new AtomicInteger();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchedTexts = new AtomicLong();
  private final Thread worker;
  private final BatchListener listener;
  private volatile boolean closed;

  /** Hears of every encoder call. */
  @FunctionalInterface
  public interface BatchListener {
    /**
     * @param texts texts in the call
     * @param tokens their estimated tokens
     * @param seconds how long the call took
     */
    void batch(int texts, int tokens, double seconds);
  }

  /**
   * @param encoder the shared encoder; not closed by the batcher
   * @param maxQueuedTexts most texts waiting at once
   * @param batchTokens estimated tokens per encoder call
   * @param listener hears of every encoder call
   */
  public EncodingBatcher(Encoder encoder, int maxQueuedTexts, int batchTokens, BatchListener listener) {
    this.encoder = encoder;
    this.listener = listener;
    this.maxQueuedTexts = maxQueuedTexts;
    this.batchTokens = batchTokens;
    this.maxTokensPerText = encoder.info().config().maxLength();
    this.queue = new ArrayBlockingQueue<>(maxQueuedTexts);
    this.worker = DaemonThreads.named("labeltune-encoder").newThread(this::run);
    worker.start();
  }

  /**
   * Queues texts for encoding.
   *
   * @param texts texts with visible content
   * @return their embeddings, when encoded
   * @throws ServiceException busy if the queue cannot take them now, unavailable once closed
   */
  public CompletableFuture<TextEmbeddings> submit(List<String> texts) {
    if (closed) {
      throw ServiceException.unavailable("The server is shutting down");
    }
    int n = texts.size();
    if (queuedTexts.addAndGet(n) > maxQueuedTexts) {
      queuedTexts.addAndGet(-n);
      throw overloaded("The encoder queue is full (" + maxQueuedTexts + " texts); retry shortly");
    }
    int tokens = 0;
    for (String t : texts) {
      tokens += estimateTokens(t);
    }
    Pending p = new Pending(List.copyOf(texts), tokens, new CompletableFuture<>());
    if (!queue.offer(p)) {
      queuedTexts.addAndGet(-n);
      throw overloaded("The encoder queue is full; retry shortly");
    }
    return p.result();
  }

  /** A rough token count from the length: about four characters per token, capped at the model's maximum. */
  private int estimateTokens(String text) {
    return Math.min(maxTokensPerText, 2 + text.length() / 4);
  }

  /** @return texts waiting for the encoder now */
  public int queuedTexts() {
    return queuedTexts.get();
  }

  /** @return encoder calls made so far */
  public long batches() {
    return batches.get();
  }

  /** @return texts encoded so far */
  public long batchedTexts() {
    return batchedTexts.get();
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      Pending first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (first == null) {
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(first);
      int tokens = first.tokens();
      Pending next;
      while ((next = queue.peek()) != null && tokens + next.tokens() <= batchTokens) {
        batch.add(queue.poll());
        tokens += next.tokens();
      }
      encode(batch, tokens);
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.result().completeExceptionally(ServiceException.unavailable("The server is shutting down"));
    }
  }

  private void encode(List<Pending> batch, int tokens) {
    long start = System.nanoTime();
    List<String> all = new ArrayList<>();
    for (Pending p : batch) {
      all.addAll(p.texts());
    }
    try {
      TextEmbeddings e = encoder.embedTexts(all);
      int at = 0;
      for (Pending p : batch) {
        int n = p.texts().size();
        p.result().complete(slice(e, at, n));
        at += n;
      }
    } catch (RuntimeException ex) {
      batch.forEach(p -> p.result().completeExceptionally(ex));
    } finally {
      batches.incrementAndGet();
      batchedTexts.addAndGet(all.size());
      queuedTexts.addAndGet(-all.size());
      listener.batch(all.size(), tokens, (System.nanoTime() - start) / 1e9);
    }
  }

  private static TextEmbeddings slice(TextEmbeddings e, int from, int n) {
    float[][] v = new float[n][];
    boolean[] truncated = new boolean[n];
    boolean[] unknown = new boolean[n];
    System.arraycopy(e.vectors(), from, v, 0, n);
    System.arraycopy(e.truncated(), from, truncated, 0, n);
    System.arraycopy(e.noKnownTokens(), from, unknown, 0, n);
    return new TextEmbeddings(v, truncated, unknown);
  }

  /** Stops taking requests, encodes those already queued, and stops the worker. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ServiceException overloaded(String message) {
    return ServiceException.busy("overloaded", message, 1);
  }
}
