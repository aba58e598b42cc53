package dev.labeltune.torch.finetune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few tuned models of an evaluation method, by what their tuning depended on, so methods
 * evaluated one after the other on the same tasks and seeds tune once. Each model holds a copy of
 * the ONNX weights (about 90 MB for all-minilm-l6-v2), hence the small bound. Thread-safe: a miss
 * tunes while holding the lock, so two callers never tune the same model twice.
 *
 * @param <K> the key: the task and seed a model was tuned for
 * @param <V> the tuned model
 */
public final class RecentlyTuned<K, V> {
  /** Models kept. */
  static final int KEPT = 5;

  private final Map<K, V> models = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > KEPT;
    }
  };

  /** @return the model kept for the key, or the one {@code tune} makes, then kept */
  public synchronized V get(K key, Supplier<V> tune) {
    V model = models.get(key);
    if (model == null) {
      model = tune.get();
      models.put(key, model);
    }
    return model;
  }
}
