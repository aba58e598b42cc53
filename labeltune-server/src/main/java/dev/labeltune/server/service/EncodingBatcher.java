package dev.labeltune.server.service;

import dev.labeltune.encoder.BatchPlan;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.domain.ServiceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shares forward passes between concurrent requests. Requests are counted in tokens on their own
 * threads and queued; the texts of every waiting request form one pool, and each of a few encoder
 * workers takes its next forward pass from it: the oldest text, joined by the others of similar
 * length ({@link BatchPlan#similar}), oldest first, that fit the pass's token budget. Passes run
 * side by side, each on its share of the cores: on small passes, two single-threaded passes at once
 * do more than one pass on two threads (ONNX Runtime's matrix products scale poorly across threads
 * on a few hundred tokens), and a large request's passes still spread over every worker. A request
 * is answered as soon as its last text is encoded; the oldest text always goes next, so none waits
 * behind newer ones, and an idle worker starts on a request at once. The queue is bounded in texts:
 * a request that does not fit is refused at once (a {@link ServiceException} of kind busy), never
 * left to wait without bound.
 */
public final class EncodingBatcher implements AutoCloseable {
  /** A request waiting for its embeddings; each text's slot is written by the worker that encoded it. */
  private static final class Request {
    final List<String> texts;
    final int[] tokens;
    final CompletableFuture<TextEmbeddings> result = new CompletableFuture<>();
    final float[][] vectors;
    final boolean[] truncated;
    final boolean[] unknown;
    final AtomicInteger left;

    Request(List<String> texts, int[] tokens) {
      this.texts = texts;
      this.tokens = tokens;
      this.vectors = new float[texts.size()][];
      this.truncated = new boolean[texts.size()];
      this.unknown = new boolean[texts.size()];
      this.left = new AtomicInteger(texts.size());
    }
  }

  /** One text of a request, in the pool. */
  private record Waiting(Request request, int index) {
    int tokens() {
      return request.tokens[index];
    }
  }

  private final Encoder encoder;
  private final int maxQueuedTexts;
  private final int passTokens;
  private final BlockingQueue<Request> queue;
  /** Texts not yet encoded, oldest first. */
  private final List<Waiting> pool = new ArrayList<>();
  private final Object poolLock = new Object();
  private final AtomicInteger queuedTexts = new AtomicInteger();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchedTexts = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private final BatchListener listener;
  private volatile boolean closed;

  /** Hears of every encoder call. */
  @FunctionalInterface
  public interface BatchListener {
    /**
     * @param texts texts in the call
     * @param tokens their tokens
     * @param seconds how long the call took
     */
    void batch(int texts, int tokens, double seconds);
  }

  /**
   * @param encoder the shared encoder; not closed by the batcher
   * @param maxQueuedTexts most texts waiting at once
   * @param passTokens padded tokens per encoder call (texts times the longest's tokens); at most the
   *     encoder's own forward-pass budget, so that a call is one pass
   * @param workers encoder calls that run at once, each on the encoder's threads
   * @param listener hears of every encoder call
   */
  public EncodingBatcher(Encoder encoder, int maxQueuedTexts, int passTokens, int workers, BatchListener listener) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, found " + workers);
    }
    this.encoder = encoder;
    this.listener = listener;
    this.maxQueuedTexts = maxQueuedTexts;
    this.passTokens = passTokens;
    this.queue = new ArrayBlockingQueue<>(maxQueuedTexts);
    for (int i = 0; i < workers; i++) {
      Thread worker = DaemonThreads.named("labeltune-encoder").newThread(this::run);
      this.workers.add(worker);
      worker.start();
    }
  }

  /**
   * Queues texts for encoding; counts their tokens on the calling thread.
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
    Request request;
    try {
      List<String> copy = List.copyOf(texts);
      request = new Request(copy, encoder.tokenCounts(copy));
    } catch (RuntimeException e) {
      queuedTexts.addAndGet(-n);
      throw e;
    }
    if (!queue.offer(request)) {
      queuedTexts.addAndGet(-n);
      throw overloaded("The encoder queue is full; retry shortly");
    }
    return request.result;
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
    while (true) {
      List<Waiting> pass;
      synchronized (poolLock) {
        Request next;
        while ((next = queue.poll()) != null) {
          addToPool(next);
        }
        if (pool.isEmpty() && closed) {
          break;
        }
        pass = pool.isEmpty() ? null : nextPass();
      }
      if (pass != null) {
        encode(pass);
        continue;
      }
      try {
        Request first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          synchronized (poolLock) {
            addToPool(first);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    fail(ServiceException.unavailable("The server is shutting down"));
  }

  private void addToPool(Request request) {
    for (int i = 0; i < request.texts.size(); i++) {
      pool.add(new Waiting(request, i));
    }
  }

  /**
   * Takes the next pass out of the pool: the oldest text and the texts of similar length that make
   * the most tokens with it, oldest first. Each length from the oldest text's up to the longest
   * similar to it is tried as the pass's longest.
   */
  private List<Waiting> nextPass() {
    int anchor = pool.get(0).tokens();
    int bestLongest = anchor;
    long bestTokens = -1;
    for (Waiting candidate : pool) {
      int longest = candidate.tokens();
      if (longest < anchor || !BatchPlan.similar(longest, anchor)) {
        continue;
      }
      long rows = Math.max(1, passTokens / longest);
      long count = 0;
      long tokens = 0;
      for (Iterator<Waiting> it = pool.iterator(); it.hasNext() && count < rows; ) {
        int t = it.next().tokens();
        if (t <= longest && BatchPlan.similar(longest, t)) {
          count++;
          tokens += t;
        }
      }
      if (tokens > bestTokens) {
        bestTokens = tokens;
        bestLongest = longest;
      }
    }
    long rows = Math.max(1, passTokens / bestLongest);
    List<Waiting> pass = new ArrayList<>();
    pass.add(pool.remove(0));
    for (Iterator<Waiting> it = pool.iterator(); it.hasNext() && pass.size() < rows; ) {
      Waiting w = it.next();
      if (w.tokens() <= bestLongest && BatchPlan.similar(bestLongest, w.tokens())) {
        pass.add(w);
        it.remove();
      }
    }
    return pass;
  }

  private void encode(List<Waiting> pass) {
    long start = System.nanoTime();
    List<String> texts = new ArrayList<>(pass.size());
    int tokens = 0;
    for (Waiting w : pass) {
      texts.add(w.request.texts.get(w.index));
      tokens += w.tokens();
    }
    try {
      TextEmbeddings e = encoder.embedTexts(texts);
      for (int i = 0; i < pass.size(); i++) {
        Request r = pass.get(i).request;
        int at = pass.get(i).index;
        r.vectors[at] = e.vectors()[i];
        r.truncated[at] = e.truncated()[i];
        r.unknown[at] = e.noKnownTokens()[i];
        if (r.left.decrementAndGet() == 0) {
          r.result.complete(new TextEmbeddings(r.vectors, r.truncated, r.unknown));
        }
      }
    } catch (RuntimeException ex) {
      // The requests of this pass fail; their other texts leave the pool unencoded.
      for (Waiting w : pass) {
        w.request.result.completeExceptionally(ex);
      }
      int dropped = 0;
      synchronized (poolLock) {
        for (Iterator<Waiting> it = pool.iterator(); it.hasNext(); ) {
          if (it.next().request.result.isDone()) {
            it.remove();
            dropped++;
          }
        }
      }
      queuedTexts.addAndGet(-dropped);
    } finally {
      batches.incrementAndGet();
      batchedTexts.addAndGet(pass.size());
      queuedTexts.addAndGet(-pass.size());
      listener.batch(pass.size(), tokens, (System.nanoTime() - start) / 1e9);
    }
  }

  /** Fails every request still waiting, in the pool or the queue. */
  private void fail(ServiceException reason) {
    synchronized (poolLock) {
      for (Waiting w : pool) {
        w.request.result.completeExceptionally(reason);
      }
      pool.clear();
      Request left;
      while ((left = queue.poll()) != null) {
        left.result.completeExceptionally(reason);
      }
    }
  }

  /** Stops taking requests, encodes those already queued, and stops the workers. */
  @Override
  public void close() {
    closed = true;
    try {
      for (Thread worker : workers) {
        worker.join(30_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ServiceException overloaded(String message) {
    return ServiceException.busy("overloaded", message, 1);
  }
}
