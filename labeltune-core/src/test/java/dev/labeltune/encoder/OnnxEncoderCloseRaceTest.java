package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing an encoder while other threads are inside it: before {@link dev.labeltune.internal.CloseGuard}
 * the session was freed under running calls and the JVM died in ONNX Runtime's native code.
 */
class OnnxEncoderCloseRaceTest {
  private static final int THREADS = 6;
  private static final int ROUNDS = 4;

  @Test
  void close_whileManyThreadsEmbed_everyCallIsAnsweredOrRefusedClearly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        OnnxEncoder encoder = ModelRegistry.load(ModelRegistry.DEFAULT_MODEL,
            RuntimeOptions.defaults().withBatchTokens(256).withCacheSize(0));
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            started.countDown();
            for (int i = 0; i < 10_000; i++) {
              List<String> texts = List.of("thread " + thread + " text " + i, "another sentence about parcels " + i);
              try {
                float[][] v = encoder.embedBatch(texts);
                assertThat(v).hasNumberOfRows(2);
                assertThat(v[0]).hasSize(encoder.info().dimension());
                answered.incrementAndGet();
              } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("closed");
                refused.incrementAndGet();
                return null;
              }
            }
            return null;
          }));
        }
        started.await();
        Thread.sleep(50 + 40L * round);
        encoder.close();
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
        assertThat(refused.get()).isEqualTo(THREADS);
        assertThat(answered.get()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
