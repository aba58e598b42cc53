package dev.labeltune.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {
  @Test
  void constructor_rejectsBadValues() {
    assertThatThrownBy(() -> new RuntimeOptions(0, 1, 0, 0)).hasMessageContaining("batchTokens");
    assertThatThrownBy(() -> new RuntimeOptions(1, 0, 0, 0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> new RuntimeOptions(1, 1, -1, 0)).hasMessageContaining("cacheSize");
    assertThatThrownBy(() -> new RuntimeOptions(1, 1, 0, 1)).hasMessageContaining("maxLength");
  }

  @Test
  void withers_changeOneField() {
    RuntimeOptions o = RuntimeOptions.defaults().withBatchTokens(512).withThreads(1).withCacheSize(0).withMaxLength(64);
    assertThat(o).isEqualTo(new RuntimeOptions(512, 1, 0, 64));
  }
}
