package dev.labeltune.bench;

/**
 * Where a benchmark reports how far it is: the command line draws a bar, tests and scripts ignore it.
 * One instance per task, closed when the task ends.
 */
public interface Steps extends AutoCloseable {
  /** Starts the steps of one task. */
  @FunctionalInterface
  interface Start {
    /**
     * @param task what runs, in words
     * @param total steps in all
     * @return the task's steps
     */
    Steps start(String task, long total);
  }

  /** A start whose steps report nowhere. */
  Start NONE = (task, total) -> new Steps() {
    @Override
    public void message(String text) {}

    @Override
    public void stepTo(long done) {}

    @Override
    public void close() {}
  };

  /** @param text what the current step is */
  void message(String text);

  /** @param done steps done so far */
  void stepTo(long done);

  @Override
  void close();
}
