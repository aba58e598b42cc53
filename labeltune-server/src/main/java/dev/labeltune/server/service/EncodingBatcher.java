package dev.labeltune.server.service;

import dev.labeltune.encoder.BatchPlan;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.EncoderInput;
import dev.labeltune.encoder.PreparedTexts;
import dev.labeltune.encoder.TextEmbedding;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.encoder.TokenFeatures;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.domain.ServiceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's one way to its encoder: shares forward passes between concurrent requests and the
 * server's own work (tuning jobs, pool imports, zero-shot label texts, through {@link #encoder()}).
 * Texts are prepared once on the caller's thread ({@link Encoder#prepare}: checked, answered from the
 * encoder's cache, else tokenized), so cached texts never queue or take a place in a pass; the texts
 * of every waiting request form one pool, and each of a few encoder workers takes its next forward
 * pass from it: the oldest text, joined by the others of similar
 * length ({@link BatchPlan#similar}), oldest first, that fit the pass's token budget. Passes run
 * side by side, each on its share of the cores: on small passes, two single-threaded passes at once
 * do more than one pass on two threads (ONNX Runtime's matrix products scale poorly across threads
 * on a few hundred tokens), and a large request's passes still spread over every worker. A request
 * is answered as soon as its last text is encoded; the oldest text always goes next, so none waits
 * behind newer ones, and an idle worker starts on a request at once. The queue is bounded in texts:
 * a request that does not fit is refused at once (a {@link ServiceException} of kind busy), never
 * left to wait without bound; the server's own work waits for room instead. A pass runs as formed
 * ({@link Encoder#embedPass}): the encoder neither tokenizes nor re-plans it.
 */
public final class EncodingBatcher implements AutoCloseable {
  /** Most texts one part of the server's own work queues at once. */
  private static final int PART_TEXTS = 64;
  /** A request waiting for its embeddings; each text's slot is written by the worker that encoded it. */
  private static final class Request {
    final PreparedTexts prepared;
    final CompletableFuture<TextEmbeddings> result = new CompletableFuture<>();
    final TextEmbedding[] encoded;
    final AtomicInteger left;

    Request(PreparedTexts prepared) {
      this.prepared = prepared;
      this.encoded = new TextEmbedding[prepared.toEncode().size()];
      this.left = new AtomicInteger(encoded.length);
    }
  }

  /** One text of a request, in the pool. */
  private record Waiting(Request request, int index) {
    EncoderInput input() {
      return request.prepared.toEncode().get(index);
    }

    int tokens() {
      return input().tokens();
    }
  }

  private final Encoder encoder;
  private final int maxQueuedTexts;
  private final int passTokens;
  private final BlockingQueue<Request> queue;
  /** Texts not yet encoded, oldest first. */
  private final List<Waiting> pool = new ArrayList<>();
  private final Object poolLock = new Object();
  /** Places for waiting texts: a request takes one per text it queues until that text is encoded. */
  private final Semaphore room;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchedTexts = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private final BatchListener listener;
  private final Queued queued = new Queued();
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
    this.room = new Semaphore(maxQueuedTexts, true);
    for (int i = 0; i < workers; i++) {
      Thread worker = DaemonThreads.named("labeltune-encoder").newThread(this::run);
      this.workers.add(worker);
      worker.start();
    }
  }

  /**
   * Queues texts for encoding; prepares them on the calling thread.
   *
   * @param texts texts with visible content
   * @return their embeddings, when encoded
   * @throws ServiceException busy if the queue cannot take them now, unavailable once closed
   * @throws IllegalArgumentException if a text is blank
   */
  public CompletableFuture<TextEmbeddings> submit(List<String> texts) {
    return enqueue(texts, false);
  }

  /**
   * An encoder for the server's own work, to hand to code that takes an {@link Encoder} (training a
   * head, embedding label texts): its calls are {@link #embedWaiting}. It has no token features.
   *
   * @return the queued view of the encoder
   */
  public Encoder encoder() {
    return queued;
  }

  /**
   * Embeds texts for the server's own work: through the queue in parts of at most {@value
   * #PART_TEXTS} texts, each waiting for room instead of being refused, so a large call neither takes
   * the whole queue nor holds back the requests behind it.
   *
   * @param texts texts with visible content
   * @return their embeddings
   * @throws ServiceException unavailable once closed
   */
  public TextEmbeddings embedWaiting(List<String> texts) {
    int part = Math.max(1, Math.min(maxQueuedTexts, PART_TEXTS));
    float[][] vectors = new float[texts.size()][];
    boolean[] truncated = new boolean[texts.size()];
    boolean[] unknown = new boolean[texts.size()];
    for (int from = 0; from < texts.size(); from += part) {
      int to = Math.min(texts.size(), from + part);
      TextEmbeddings e;
      try {
        e = enqueue(texts.subList(from, to), true).join();
      } catch (CompletionException ex) {
        throw ex.getCause() instanceof RuntimeException r ? r : ex;
      }
      System.arraycopy(e.vectors(), 0, vectors, from, to - from);
      System.arraycopy(e.truncated(), 0, truncated, from, to - from);
      System.arraycopy(e.noKnownTokens(), 0, unknown, from, to - from);
    }
    return new TextEmbeddings(vectors, truncated, unknown);
  }

  /** @return the encoder's identity, dimension and settings */
  public EncoderInfo info() {
    return encoder.info();
  }

  private CompletableFuture<TextEmbeddings> enqueue(List<String> texts, boolean wait) {
    if (closed) {
      throw ServiceException.unavailable("The server is shutting down");
    }
    PreparedTexts prepared = encoder.prepare(texts);
    int n = prepared.toEncode().size();
    if (n == 0) {
      return CompletableFuture.completedFuture(prepared.assemble(new TextEmbedding[0]));
    }
    if (n > maxQueuedTexts) {
      throw overloaded("A request of " + n + " new texts is more than the encoder queue holds (" + maxQueuedTexts
          + "); send fewer at a time");
    }
    if (wait) {
      room.acquireUninterruptibly(n);
    } else if (!room.tryAcquire(n)) {
      throw overloaded("The encoder queue is full (" + maxQueuedTexts + " texts); retry shortly");
    }
    Request request = new Request(prepared);
    if (closed || !queue.offer(request)) {
      room.release(n);
      throw closed ? ServiceException.unavailable("The server is shutting down")
          : overloaded("The encoder queue is full; retry shortly");
    }
    return request.result;
  }

  /** @return texts waiting for the encoder now */
  public int queuedTexts() {
    return maxQueuedTexts - room.availablePermits();
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
    for (int i = 0; i < request.encoded.length; i++) {
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
    List<EncoderInput> inputs = new ArrayList<>(pass.size());
    int tokens = 0;
    for (Waiting w : pass) {
      inputs.add(w.input());
      tokens += w.tokens();
    }
    try {
      TextEmbedding[] e = encoder.embedPass(inputs);
      for (int i = 0; i < pass.size(); i++) {
        Request r = pass.get(i).request;
        r.encoded[pass.get(i).index] = e[i];
        if (r.left.decrementAndGet() == 0) {
          r.result.complete(r.prepared.assemble(r.encoded));
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
      room.release(dropped);
    } finally {
      batches.incrementAndGet();
      batchedTexts.addAndGet(pass.size());
      room.release(pass.size());
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

  /** The encoder as the server's own work sees it: see {@link #embedWaiting}. */
  private final class Queued implements Encoder {
    @Override
    public EncoderInfo info() {
      return encoder.info();
    }

    @Override
    public float[][] embedBatch(List<String> texts) {
      return embedTexts(texts).vectors();
    }

    @Override
    public TextEmbeddings embedTexts(List<String> texts) {
      return embedWaiting(texts);
    }

    @Override
    public List<TokenFeatures> tokenFeatures(List<String> texts) {
      throw new UnsupportedOperationException("The service encodes sentence embeddings only");
    }

    /** The batcher's owner closes the encoder. */
    @Override
    public void close() {}
  }

  private static ServiceException overloaded(String message) {
    return ServiceException.busy("overloaded", message, 1);
  }
}
