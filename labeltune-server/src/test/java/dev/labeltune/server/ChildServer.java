package dev.labeltune.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link CrashTestServer} in a JVM of its own, for tests that kill it or stop it. */
final class ChildServer implements AutoCloseable {
  final Process process;
  private final Path dir;

  private ChildServer(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  /**
   * Starts a server whose data directory is {@code dir}.
   *
   * @param args more arguments of {@link CrashTestServer}: a store URL and a job lease in ms
   */
  static ChildServer start(Path dir, String... args) throws IOException {
    Files.createDirectories(dir);
    // The class path goes in an argument file: ONNX Runtime 1.29 crashes (SIGSEGV) while starting when
    // the process's command line is longer than about 4 KB, and the test class path is longer.
    Path argFile = dir.resolve("java.args");
    Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
    Files.deleteIfExists(dir.resolve("port"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "@" + argFile, CrashTestServer.class.getName(), dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
        .start();
    return new ChildServer(p, dir);
  }

  /** @return the server's base URL, once it listens */
  String awaitBase() throws Exception {
    Path port = dir.resolve("port");
    for (int i = 0; i < 600; i++) {
      if (Files.exists(port)) {
        return "http://127.0.0.1:" + Integer.parseInt(Files.readString(port).trim());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The child server did not start: " + log());
  }

  /** @return what the server printed */
  String log() throws IOException {
    return Files.readString(dir.resolve("child.log"));
  }

  /** Kills the server as SIGKILL would, and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("The child server did not die");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
