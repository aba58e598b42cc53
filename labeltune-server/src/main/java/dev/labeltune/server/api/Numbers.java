package dev.labeltune.server.api;

/** Unknown numbers, NaN inside, are left out of responses. */
final class Numbers {
  private Numbers() {}

  static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
