package dev.labeltune.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.encoder.BatchPlan;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderConfig;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.EncoderInput;
import dev.labeltune.encoder.Pooling;
import dev.labeltune.encoder.PreparedTexts;
import dev.labeltune.encoder.TextEmbedding;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.encoder.TokenFeatures;
import dev.labeltune.server.domain.ServiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EncodingBatcherTest {
  /**
   * Embeds a text as {its length, its first character}, counts one token per character, records
   * every call, and can hold its calls until released or fail on a text.
   */
  private static class RecordingEncoder implements Encoder {
    final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release;
    final CountDownLatch firstCall = new CountDownLatch(1);

    RecordingEncoder(boolean held) {
      this.release = new CountDownLatch(held ? 1 : 0);
    }

    @Override
    public EncoderInfo info() {
      return new EncoderInfo("recording", "sha256:none", 2, new EncoderConfig(Pooling.MEAN, false, "", 512));
    }

    @Override
    public PreparedTexts prepare(List<String> texts) {
      return PreparedTexts.estimated(texts, String::length);
    }

    @Override
    public float[][] embedBatch(List<String> texts) {
      return embedTexts(texts).vectors();
    }

    @Override
    public TextEmbeddings embedTexts(List<String> texts) {
      firstCall.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      calls.add(List.copyOf(texts));
      if (texts.stream().anyMatch(t -> t.contains("boom"))) {
        throw new IllegalStateException("the encoder failed");
      }
      float[][] v = new float[texts.size()][];
      for (int i = 0; i < v.length; i++) {
        v[i] = new float[] {texts.get(i).length(), texts.get(i).charAt(0)};
      }
      return TextEmbeddings.of(v);
    }

    @Override
    public List<TokenFeatures> tokenFeatures(List<String> texts) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  private static String text(Random random, char first) {
    return first + "x".repeat(5 + random.nextInt(60));
  }

  @Test
  void concurrentRequestsGetTheirOwnEmbeddingsInOrder_passesAreEvenlyLongAndWithinTheBudget() throws Exception {
    RecordingEncoder encoder = new RecordingEncoder(false);
    int budget = 256;
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try (EncodingBatcher batcher = new EncodingBatcher(encoder, 4096, budget, 2, (t, k, s) -> { })) {
      List<Future<Void>> done = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        done.add(clients.submit(() -> {
          Random random = new Random(client);
          for (int r = 0; r < 40; r++) {
            List<String> texts = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
              texts.add(text(random, (char) ('a' + random.nextInt(26))));
            }
            TextEmbeddings e = batcher.submit(texts).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < texts.size(); i++) {
              assertThat(e.vectors()[i]).containsExactly(texts.get(i).length(), texts.get(i).charAt(0));
            }
          }
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      // The counters move after the answers go out: read them once the workers have stopped.
      batcher.close();
      assertThat(batcher.batchedTexts()).isEqualTo(encoder.calls.stream().mapToInt(List::size).sum());
      assertThat(batcher.queuedTexts()).isZero();
    } finally {
      clients.shutdownNow();
    }
    for (List<String> call : encoder.calls) {
      int longest = call.stream().mapToInt(String::length).max().orElseThrow();
      int shortest = call.stream().mapToInt(String::length).min().orElseThrow();
      assertThat(call.size() == 1 || call.size() * longest <= budget).as("%s", call).isTrue();
      assertThat(BatchPlan.similar(longest, shortest)).as("%s", call).isTrue();
    }
  }

  @Test
  void theOldestWaitingTextGoesNext_andALargeRequestSpreadsOverPasses() throws Exception {
    RecordingEncoder encoder = new RecordingEncoder(true);
    try (EncodingBatcher batcher = new EncodingBatcher(encoder, 4096, 64, 1, (t, k, s) -> { })) {
      CompletableFuture<TextEmbeddings> blocking = batcher.submit(List.of("first"));
      assertThat(encoder.firstCall.await(10, TimeUnit.SECONDS)).isTrue();
      // While the worker is held, a long text arrives before many short ones.
      CompletableFuture<TextEmbeddings> old = batcher.submit(List.of("o" + "x".repeat(40)));
      List<String> shorts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        shorts.add("s" + (char) ('a' + i) + "x".repeat(8));
      }
      CompletableFuture<TextEmbeddings> many = batcher.submit(shorts);
      encoder.release.countDown();
      assertThat(old.get(10, TimeUnit.SECONDS).vectors()[0][0]).isEqualTo(41);
      assertThat(many.get(10, TimeUnit.SECONDS).vectors().length).isEqualTo(20);
      assertThat(blocking.get(10, TimeUnit.SECONDS).vectors().length).isEqualTo(1);
    }
    assertThat(encoder.calls.get(1)).containsExactly("o" + "x".repeat(40));
    // 64 padded tokens per pass hold 6 texts of 10 tokens: 20 short texts take four passes.
    assertThat(encoder.calls.subList(2, encoder.calls.size())).extracting(List::size).containsExactly(6, 6, 6, 2);
  }

  @Test
  void aFailedPassFailsItsRequestsOnly() throws Exception {
    RecordingEncoder encoder = new RecordingEncoder(true);
    try (EncodingBatcher batcher = new EncodingBatcher(encoder, 4096, 1024, 1, (t, k, s) -> { })) {
      CompletableFuture<TextEmbeddings> blocking = batcher.submit(List.of("first"));
      assertThat(encoder.firstCall.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<TextEmbeddings> failing = batcher.submit(List.of("boom" + "x".repeat(30), "short"));
      CompletableFuture<TextEmbeddings> other = batcher.submit(List.of("other text"));
      encoder.release.countDown();
      assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("the encoder failed");
      assertThat(other.get(10, TimeUnit.SECONDS).vectors()[0][0]).isEqualTo(10);
      assertThat(blocking.get(10, TimeUnit.SECONDS).vectors().length).isEqualTo(1);
      batcher.close();
      assertThat(batcher.queuedTexts()).isZero();
      // The failed request's other text was never encoded.
      assertThat(encoder.calls).noneMatch(call -> call.contains("short"));
    }
  }

  @Test
  void aFullQueueRefusesAtOnce_aClosedBatcherEncodesWhatWasQueuedAndRefusesMore() throws Exception {
    RecordingEncoder encoder = new RecordingEncoder(true);
    EncodingBatcher batcher = new EncodingBatcher(encoder, 4, 1024, 1, (t, k, s) -> { });
    CompletableFuture<TextEmbeddings> first = batcher.submit(List.of("first"));
    assertThat(encoder.firstCall.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<TextEmbeddings> queued = batcher.submit(List.of("a text", "b text", "c text"));
    assertThatThrownBy(() -> batcher.submit(List.of("one too many")))
        .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.BUSY));
    Thread closer = new Thread(batcher::close);
    closer.start();
    encoder.release.countDown();
    closer.join(30_000);
    assertThat(first.get(1, TimeUnit.SECONDS).vectors().length).isEqualTo(1);
    assertThat(queued.get(1, TimeUnit.SECONDS).vectors().length).isEqualTo(3);
    assertThatThrownBy(() -> batcher.submit(List.of("late")))
        .isInstanceOfSatisfying(ServiceException.class,
            e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.UNAVAILABLE));
  }

  @Test
  void cachedTextsNeitherQueueNorTakeAPlaceInAPass() throws Exception {
    RecordingEncoder encoder = new RecordingEncoder(true) {
      @Override
      public PreparedTexts prepare(List<String> texts) {
        return PreparedTexts.of(texts, t -> t.startsWith("cached") ? new TextEmbedding(new float[] {-1, -1}, false, false)
            : null, distinct -> distinct.stream().map(t -> EncoderInput.estimated(t, t.length())).toList());
      }
    };
    try (EncodingBatcher batcher = new EncodingBatcher(encoder, 3, 1024, 1, (t, k, s) -> { })) {
      CompletableFuture<TextEmbeddings> first = batcher.submit(List.of("first"));
      assertThat(encoder.firstCall.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<TextEmbeddings> fills = batcher.submit(List.of("a text", "a text", "b text"));
      // The queue is full ("first" in its pass, two distinct texts waiting), yet cached texts are answered at once.
      TextEmbeddings cached = batcher.submit(List.of("cached one", "cached two")).get(1, TimeUnit.SECONDS);
      assertThat(cached.vectors()[1]).containsExactly(-1, -1);
      assertThatThrownBy(() -> batcher.submit(List.of("c text"))).isInstanceOf(ServiceException.class);
      encoder.release.countDown();
      TextEmbeddings filled = fills.get(10, TimeUnit.SECONDS);
      assertThat(filled.vectors()[1]).containsExactly(6, 'a').isNotSameAs(filled.vectors()[0]);
      first.get(10, TimeUnit.SECONDS);
    }
    assertThat(encoder.calls).noneMatch(call -> call.stream().anyMatch(t -> t.startsWith("cached")));
    assertThat(encoder.calls.get(1)).as("a repeated text is encoded once").containsExactly("a text", "b text");
  }

  @Test
  void theServersOwnWorkWaitsForRoomInParts_insteadOfBeingRefused() throws Exception {
    RecordingEncoder encoder = new RecordingEncoder(true);
    try (EncodingBatcher batcher = new EncodingBatcher(encoder, 4, 1024, 1, (t, k, s) -> { })) {
      CompletableFuture<TextEmbeddings> first = batcher.submit(List.of("first"));
      assertThat(encoder.firstCall.await(10, TimeUnit.SECONDS)).isTrue();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        texts.add((char) ('a' + i) + " text");
      }
      CompletableFuture<float[][]> job = CompletableFuture.supplyAsync(() -> batcher.encoder().embedBatch(texts));
      Thread.sleep(200);
      assertThat(job).isNotDone();
      encoder.release.countDown();
      float[][] vectors = job.get(10, TimeUnit.SECONDS);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(vectors[i]).containsExactly(6, texts.get(i).charAt(0));
      }
      first.get(10, TimeUnit.SECONDS);
      assertThatThrownBy(() -> batcher.encoder().tokenFeatures(List.of("x")))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(encoder.calls).allSatisfy(call -> assertThat(call.size()).isLessThanOrEqualTo(4));
  }
}
