package dev.labeltune.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules every label name follows, wherever labels enter LabelTune (task specs, heads built or
 * loaded, training data): a string with visible content, at most {@value #MAX_LENGTH} characters,
 * no control or bidirectional-override characters, unique within a task. Names are returned in
 * every prediction, so a name that can hide or spoof text, or that is megabytes long, is refused.
 *
 * @since 0.1
 */
public final class LabelNames {
  /** Longest label name accepted, in UTF-16 characters. */
  public static final int MAX_LENGTH = 256;

  private LabelNames() {}

  /**
   * @param name a label name
   * @return the name
   * @throws IllegalArgumentException naming the problem, if the name breaks a rule
   * @throws NullPointerException if it is null
   */
  public static String check(String name) {
    if (name == null) {
      throw new NullPointerException("A label name is null");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("Label name " + Texts.quote(name) + " is " + name.length()
          + " characters long; the limit is " + MAX_LENGTH);
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Texts.isUnsafeInName(cp)) {
        throw new IllegalArgumentException("Label name " + Texts.quote(name) + " contains the control character "
            + String.format("U+%04X", cp) + " at index " + i);
      }
      i += Character.charCount(cp);
    }
    if (!Texts.hasVisibleContent(name)) {
      throw new IllegalArgumentException("Label name " + Texts.quote(name) + " is blank");
    }
    return name;
  }

  /**
   * @param names the labels of one task
   * @return an immutable copy
   * @throws IllegalArgumentException if a name breaks a rule or appears twice
   */
  public static List<String> checkAll(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(check(name))) {
        throw new IllegalArgumentException("Label names must be distinct; " + Texts.quote(name) + " appears twice");
      }
    }
    return List.copyOf(names);
  }
}
