package dev.labeltune.head;

/**
 * Bounds on what a head file may declare, checked before anything is allocated for it: head files
 * are untrusted input (uploaded to a service, copied between machines). The defaults hold a head of
 * 100,000 labels of 384 dimensions; heads larger than the limits are refused when saved too, so a
 * head that saves always loads with the same limits.
 *
 * <p>Defaults can be changed per JVM with the system properties {@code labeltune.head.maxFileBytes},
 * {@code labeltune.head.maxLabels} and {@code labeltune.head.maxDimension} (for the command line:
 * {@code LABELTUNE_JAVA_OPTS=-Dlabeltune.head.maxLabels=200000}), or per call.
 *
 * @param maxFileBytes largest head file, in bytes
 * @param maxLabels most labels in one head
 * @param maxDimension largest embedding dimension
 * @since 0.1
 */
public record HeadLimits(long maxFileBytes, int maxLabels, int maxDimension) {
  /** Default largest file: 256 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
  /** Default most labels. */
  public static final int DEFAULT_MAX_LABELS = 100_000;
  /** Default largest dimension. */
  public static final int DEFAULT_MAX_DIMENSION = 4096;
  /** Jackson and Java strings cannot hold more; a head file is one JSON document. */
  private static final long HARD_MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

  /** Validates the values. */
  public HeadLimits {
    if (maxFileBytes < 1 || maxFileBytes > HARD_MAX_FILE_BYTES) {
      throw new IllegalArgumentException("maxFileBytes must be between 1 and " + HARD_MAX_FILE_BYTES
          + ", found " + maxFileBytes);
    }
    if (maxLabels < 1) {
      throw new IllegalArgumentException("maxLabels must be positive, found " + maxLabels);
    }
    if (maxDimension < 1) {
      throw new IllegalArgumentException("maxDimension must be positive, found " + maxDimension);
    }
  }

  /**
   * @return the limits set by the {@code labeltune.head.*} system properties, else the defaults
   * @throws IllegalArgumentException if a property is not a valid number
   */
  public static HeadLimits defaults() {
    return new HeadLimits(property("maxFileBytes", DEFAULT_MAX_FILE_BYTES),
        Math.toIntExact(property("maxLabels", DEFAULT_MAX_LABELS)),
        Math.toIntExact(property("maxDimension", DEFAULT_MAX_DIMENSION)));
  }

  private static long property(String name, long fallback) {
    String value = System.getProperty("labeltune.head." + name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("System property labeltune.head." + name + " must be a whole number, found '"
          + value + "'", e);
    }
  }

  /**
   * @param labels labels a head declares
   * @param dimension its dimension
   * @throws IllegalArgumentException naming the limit, if either is over it
   */
  public void check(long labels, long dimension) {
    if (labels > maxLabels) {
      throw new IllegalArgumentException(labels + " labels exceed the limit of " + maxLabels
          + " (system property labeltune.head.maxLabels)");
    }
    if (dimension > maxDimension) {
      throw new IllegalArgumentException("dimension " + dimension + " exceeds the limit of " + maxDimension
          + " (system property labeltune.head.maxDimension)");
    }
  }
}
