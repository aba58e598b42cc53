package dev.labeltune.server.api;

import dev.labeltune.head.TaskHead;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.List;

/** Checks that request records' constructors share; each failure names the field. */
final class Check {
  private Check() {}

  static <T> T present(T value, String field) {
    if (value == null) {
      throw ServiceException.of(Kind.BAD_REQUEST, "'" + field + "' is required");
    }
    return value;
  }

  static List<String> strings(List<String> values, String field, int min) {
    present(values, field);
    if (values.size() < min) {
      throw ServiceException.of(Kind.BAD_REQUEST, "'" + field + "' must hold at least " + min + (min == 1 ? " entry" : " entries"));
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw ServiceException.of(Kind.BAD_REQUEST, "'" + field + "'[" + i + "] must be a string");
      }
    }
    return List.copyOf(values);
  }

  static int range(Integer value, String field, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      throw ServiceException.of(Kind.BAD_REQUEST, "'" + field + "' must be a whole number between " + min + " and " + max);
    }
    return value;
  }

  static double finite(Double value, String field) {
    if (value == null) {
      return Double.NaN;
    }
    if (!Double.isFinite(value)) {
      throw ServiceException.of(Kind.BAD_REQUEST, "'" + field + "' must be a number");
    }
    return value;
  }

  /** Most characters in a tenant's or a task's name: well under what a database index holds. */
  static final int MAX_NAME = 200;
  /** Most characters in a hypothesis template. */
  static final int MAX_TEMPLATE = 1_000;
  /** Most characters in a label's own text (a description used instead of the template). */
  static final int MAX_LABEL_TEXT = 10_000;

  /** @return a name: present, with visible content, at most {@value #MAX_NAME} characters */
  static String name(String value, String field) {
    present(value, field);
    if (value.isBlank()) {
      throw ServiceException.of(Kind.UNPROCESSABLE, "'" + field + "' must not be blank");
    }
    return length(value, field, MAX_NAME);
  }

  /** @return the text, if absent or at most {@code max} characters */
  static String length(String value, String field, int max) {
    if (value != null && value.length() > max) {
      throw ServiceException.of(Kind.UNPROCESSABLE, "'" + field + "' is " + value.length() + " characters long; the "
          + "limit is " + max);
    }
    return value;
  }

  /** @return a multi-label threshold within what a head may hold, NaN when absent */
  static double threshold(Double value) {
    double t = finite(value, "threshold");
    if (Math.abs(t) > TaskHead.MAX_ROW_NORM) {
      throw ServiceException.of(Kind.BAD_REQUEST, "'threshold' must be between -" + TaskHead.MAX_ROW_NORM + " and "
          + TaskHead.MAX_ROW_NORM);
    }
    return t;
  }

  /** @return the labels of a body that gives either 'label' (one) or 'labels' (several) */
  static List<String> oneOrMany(String label, List<String> labels) {
    if ((label == null) == (labels == null)) {
      throw ServiceException.of(Kind.BAD_REQUEST, "Give either 'label' or 'labels'");
    }
    return labels == null ? List.of(label) : strings(labels, "labels", 1);
  }
}
