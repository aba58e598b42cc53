package dev.labeltune.encoder;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded least-recently-used map from text to embedding, safe for concurrent use. */
final class EmbeddingCache {
  private final int capacity;
  private final LinkedHashMap<String, float[]> map;

  EmbeddingCache(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > EmbeddingCache.this.capacity;
      }
    };
  }

  /** @return a copy of the cached embedding, or null */
  synchronized float[] get(String text) {
    if (capacity == 0) {
      return null;
    }
    float[] v = map.get(text);
    return v == null ? null : v.clone();
  }

  synchronized void put(String text, float[] embedding) {
    if (capacity > 0) {
      map.put(text, embedding.clone());
    }
  }

  synchronized int size() {
    return map.size();
  }
}
