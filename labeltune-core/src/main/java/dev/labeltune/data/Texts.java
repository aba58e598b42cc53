package dev.labeltune.data;

import java.util.List;
import java.util.Objects;

/**
 * What counts as content in a text or a label name. A text of only spaces, zero-width or other
 * invisible format characters, control characters, lone surrogates or combining marks embeds like
 * the empty string, so LabelTune treats it as blank everywhere: it would otherwise get a confident
 * label for nothing.
 *
 * @since 0.1
 */
public final class Texts {
  private static final int SHOWN = 60;

  private Texts() {}

  /**
   * @param text a text
   * @return whether it holds at least one character a reader can see
   */
  public static boolean hasVisibleContent(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isVisible(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * Checks texts handed to an encoder.
   *
   * @param texts texts to embed
   * @throws NullPointerException if the list or a text is null
   * @throws IllegalArgumentException naming the first blank text (see {@link #hasVisibleContent})
   */
  public static void requireVisible(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String which = texts.size() == 1 ? "Text" : "Text at index " + i;
      if (text == null) {
        throw new NullPointerException(which + " is null");
      }
      if (!hasVisibleContent(text)) {
        throw new IllegalArgumentException(which + " is blank" + (text.isEmpty() ? "" : " (" + quote(text)
            + " has no visible character)") + "; there is nothing to classify");
      }
    }
  }

  private static boolean isVisible(int cp) {
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
          Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
      default -> true;
    };
  }

  /**
   * @param cp a code point
   * @return whether it is a control character, a bidirectional-text control (which can make a
   *     label display as something else) or half of a surrogate pair on its own
   */
  public static boolean isUnsafeInName(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.SURROGATE
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E || cp == 0x200F || cp == 0x061C;
  }

  /**
   * A text as it can be shown in a one-line message: shortened, with control and invisible
   * characters written as {@code \}{@code uXXXX}.
   *
   * @param text any text
   * @return a printable, bounded rendering in single quotes
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int shown = 0;
    for (int i = 0; i < text.length() && shown < SHOWN; ) {
      int cp = text.codePointAt(i);
      if (isUnsafeInName(cp) || (!isVisible(cp) && cp != ' ')) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
      shown++;
      i += Character.charCount(cp);
    }
    if (text.codePointCount(0, text.length()) > SHOWN) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
