package dev.labeltune.encoder;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded least-recently-used map from text to embedding, safe for concurrent use. */
final class EmbeddingCache {
  private final int capacity;
  private final LinkedHashMap<String, TextEmbedding> map;
  private long lookups;
  private long hits;

  EmbeddingCache(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TextEmbedding> eldest) {
        return size() > EmbeddingCache.this.capacity;
      }
    };
  }

  /** @return a copy of the cached entry, or null */
  synchronized TextEmbedding get(String text) {
    TextEmbedding e = capacity == 0 ? null : map.get(text);
    lookups++;
    hits += e == null ? 0 : 1;
    return e == null ? null : e.copy();
  }

  /** Stores a copy of the vector. */
  synchronized void put(String text, TextEmbedding embedding) {
    if (capacity > 0) {
      map.put(text, embedding.copy());
    }
  }

  /** @return {hits, lookups} since creation */
  synchronized long[] stats() {
    return new long[] {hits, lookups};
  }

  synchronized int size() {
    return map.size();
  }
}
