package dev.labeltune.testing;

import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;

/**
 * The real all-minilm-l6-v2 encoder, loaded once per test JVM and shared by every test class, as
 * production code shares one encoder across tasks.
 */
public final class RealModels {
  private static OnnxEncoder miniLm;

  private RealModels() {}

  /** @return the shared encoder (128 tokens, batch 16); never close it */
  public static synchronized OnnxEncoder miniLm() {
    if (miniLm == null) {
      miniLm = ModelRegistry.load(ModelRegistry.DEFAULT_MODEL,
          RuntimeOptions.defaults().withMaxLength(128));
    }
    return miniLm;
  }
}
