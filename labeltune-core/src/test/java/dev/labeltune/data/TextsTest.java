package dev.labeltune.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {
  @ParameterizedTest
  @ValueSource(strings = {"", " \t\n", "\u200B\u200C\u200D", "\u00A0\u00A0", "\u0000", "\uD800", "\uDC00\uD800",
      "\uFEFF", "\u0301\u0301", "\u2028", "\u3000"})
  void hasVisibleContent_invisibleTextsAreBlank(String text) {
    assertThat(Texts.hasVisibleContent(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", " x ", "\uD83D\uDE00", "\u4E2D", "\u00A0a", "e\u0301", "1", "?"})
  void hasVisibleContent_anyVisibleCharacterCounts(String text) {
    assertThat(Texts.hasVisibleContent(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "\u001b[31m", "x\u202Ey"})
  void quote_showsControlCharactersEscaped(String text) {
    assertThat(Texts.quote(text)).doesNotContain("\u0000", "\u001b", "\u202E").contains("\\u");
  }
}
