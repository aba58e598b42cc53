package dev.labeltune.server.domain;

import java.util.Objects;

/**
 * One label of a task.
 *
 * @param name the label's name
 * @param text a description embedded instead of the templated name, or null
 */
public record Label(String name, String text) {
  /** Validates. */
  public Label {
    Objects.requireNonNull(name, "name");
  }
}
