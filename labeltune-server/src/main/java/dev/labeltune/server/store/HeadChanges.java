package dev.labeltune.server.store;

/**
 * News of changes to tasks' active heads made by other processes sharing the store, so each can
 * swap the heads it serves. A store that only one process writes has {@link #NONE}.
 */
public interface HeadChanges extends AutoCloseable {
  /** No other process writes the store. */
  HeadChanges NONE = new HeadChanges() {
    @Override
    public void start(Listener listener) {}

    @Override
    public boolean shared() {
      return false;
    }

    @Override
    public void close() {}
  };

  /** Hears of changes, on the feed's own thread. */
  interface Listener {
    /** The active head of that task changed, or the task was deleted. */
    void changed(String taskId);

    /** Changes may have been missed (the feed reconnected): every task's head should be checked. */
    void resync();
  }

  /** Starts telling {@code listener}; changes committed from now on reach it. */
  void start(Listener listener);

  /** @return whether other processes may write the store (so heads should also be polled) */
  boolean shared();

  @Override
  void close();
}
