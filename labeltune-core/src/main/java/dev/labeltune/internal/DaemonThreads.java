package dev.labeltune.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Named daemon threads: LabelTune's background work never keeps a JVM alive on its own. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** @param name the threads' name @return a factory of daemon threads with that name */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** @param name the thread's name @return an executor that runs each task on a new daemon thread */
  public static Executor oneShot(String name) {
    ThreadFactory factory = named(name);
    return task -> factory.newThread(task).start();
  }
}
