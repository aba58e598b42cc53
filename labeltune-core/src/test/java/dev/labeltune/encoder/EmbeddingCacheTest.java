package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {
  @Test
  void get_evictsLeastRecentlyUsed() {
    EmbeddingCache cache = new EmbeddingCache(2);
    cache.put("a", new TextEmbedding(new float[] {1}, false, false));
    cache.put("b", new TextEmbedding(new float[] {2}, false, false));
    cache.get("a");
    cache.put("c", new TextEmbedding(new float[] {3}, false, false));
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a").vector()).containsExactly(1f);
    assertThat(cache.get("c").vector()).containsExactly(3f);
  }

  @Test
  void get_returnsCopies() {
    EmbeddingCache cache = new EmbeddingCache(1);
    cache.put("a", new TextEmbedding(new float[] {1}, false, false));
    cache.get("a").vector()[0] = 42;
    assertThat(cache.get("a").vector()).containsExactly(1f);
  }

  @Test
  void put_zeroCapacityStoresNothing() {
    EmbeddingCache cache = new EmbeddingCache(0);
    cache.put("a", new TextEmbedding(new float[] {1}, false, false));
    assertThat(cache.get("a")).isNull();
    assertThat(cache.size()).isZero();
  }
}
