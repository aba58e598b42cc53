package dev.labeltune.server.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a job makes; written in lower case, words joined by a hyphen, in the store and the API. */
public enum JobKind {
  /** A head tuned on the task's examples. */
  TUNE,
  /** The zero-shot head of a task whose label texts were too long to embed before answering its creation. */
  ZERO_SHOT;

  /** @return the name as stored and sent */
  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param text a stored name
   * @return the kind
   * @throws IllegalArgumentException if it names none
   */
  public static JobKind parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
