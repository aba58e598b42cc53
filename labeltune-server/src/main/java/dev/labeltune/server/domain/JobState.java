package dev.labeltune.server.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a tuning job is in its life; written in lower case in the store and the API. */
public enum JobState {
  /** Waiting for the tuning thread. */
  QUEUED,
  /** Being tuned now. */
  RUNNING,
  /** Done: its head is stored and active. */
  SUCCEEDED,
  /** Ended with an error; the task kept its previous head. */
  FAILED,
  /** The server shut down while it ran; the task kept its previous head. */
  INTERRUPTED;

  /** @return the name as stored and sent */
  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return whether the job has ended */
  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }

  /**
   * @param text a stored name
   * @return the state
   * @throws IllegalArgumentException if it names none
   */
  public static JobState parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
