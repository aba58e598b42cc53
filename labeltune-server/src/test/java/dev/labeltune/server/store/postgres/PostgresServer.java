package dev.labeltune.server.store.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, found in this order: the JDBC URL in {@code LABELTUNE_TEST_PG};
 * the server on 127.0.0.1:5432 (database {@code test}, user {@code postgres}) if it answers; a
 * throwaway server started from Debian's binaries ({@code /usr/lib/postgresql/*}{@code /bin}, run as
 * the {@code postgres} user when the build runs as root) in a temporary directory on a free port,
 * stopped when the JVM exits. Where none can be had, the tests that need one are skipped with a
 * message that says how to get one. Each test works in a schema of its own, so runs never collide.
 */
public final class PostgresServer {
  private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=2";
  private static final String HOW = "set LABELTUNE_TEST_PG to a JDBC URL, run PostgreSQL on 127.0.0.1:5432 with a "
      + "database 'test' for user 'postgres', or install Debian's postgresql package (initdb and pg_ctl)";
  private static final List<String> SCHEMAS = new ArrayList<>();
  private static String baseUrl;
  private static String unavailable;

  private PostgresServer() {}

  /** @return the server's JDBC URL, without a schema; skips the calling test if there is no server */
  public static synchronized String url() {
    if (baseUrl == null && unavailable == null) {
      find();
    }
    Assumptions.assumeTrue(baseUrl != null, () -> "No PostgreSQL for this test (" + unavailable + "): " + HOW);
    return baseUrl;
  }

  /**
   * Makes a schema of its own for one test.
   *
   * @return a JDBC URL whose connections work in it
   */
  public static String freshSchema() {
    String base = url();
    String schema = "lt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create schema " + schema + " on " + base, e);
    }
    synchronized (SCHEMAS) {
      if (SCHEMAS.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchemas(base), "labeltune-test-pg-clean"));
      }
      SCHEMAS.add(schema);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops this JVM's schemas, so a shared server does not fill up; a failure leaves them. */
  private static void dropSchemas(String base) {
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      for (String schema : SCHEMAS) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop the test schemas " + SCHEMAS + ": " + e.getMessage());
    }
  }

  private static void find() {
    String given = System.getenv("LABELTUNE_TEST_PG");
    if (given != null && !given.isBlank()) {
      baseUrl = given.trim();
      return;
    }
    if (answers(LOCAL)) {
      baseUrl = LOCAL;
      return;
    }
    try {
      baseUrl = startThrowaway();
    } catch (IOException | InterruptedException | RuntimeException e) {
      unavailable = "none on 127.0.0.1:5432 and none could be started: " + e.getMessage();
    }
  }

  private static boolean answers(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static String startThrowaway() throws IOException, InterruptedException {
    Own server = own();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "labeltune-test-pg-stop"));
    return server.url();
  }

  /**
   * Starts a server of the test's own from Debian's binaries, to stop and start again; skips the
   * calling test where the binaries are missing.
   *
   * @return the running server; closing it stops it
   */
  public static Own startOwn() {
    try {
      return own();
    } catch (IOException | InterruptedException | RuntimeException e) {
      Assumptions.abort("No PostgreSQL server of the test's own could be started (" + e.getMessage() + "): install "
          + "Debian's postgresql package (initdb and pg_ctl)");
      throw new AssertionError(e);
    }
  }

  /** A throwaway server in a temporary directory. */
  public static final class Own implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;

    private Own(Path bin, Path dir, int port, boolean root) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
      this.root = root;
    }

    /** @return its JDBC URL */
    public String url() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Stops it, as a restart or a crash of the database would. */
    public void stop() throws IOException, InterruptedException {
      pgCtl("-m", "fast", "stop");
    }

    /** Starts it again on the same port with the same data. */
    public void start() throws IOException, InterruptedException {
      pgCtl("-w", "-l", dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -h 127.0.0.1", "start");
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D",
          dir.resolve("data").toString()));
      command.addAll(List.of(args));
      run(asPostgres(root, command.toArray(String[]::new)));
    }

    @Override
    public void close() {
      try {
        pgCtl("-m", "immediate", "stop");
      } catch (IOException | InterruptedException e) {
        // Already stopped, or the JVM is exiting; the temporary directory is left for the system.
      }
    }
  }

  private static Own own() throws IOException, InterruptedException {
    Path bin;
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder()).orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql"));
    }
    Path dir = Files.createTempDirectory("labeltune-pg");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    run(asPostgres(root, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
        "postgres"));
    Own server = new Own(bin, dir, port, root);
    server.start();
    if (!answers(server.url())) {
      throw new IOException("the throwaway server on port " + port + " does not answer; see " + dir.resolve("log"));
    }
    return server;
  }

  private static List<String> asPostgres(boolean root, String... command) {
    List<String> out = new ArrayList<>();
    if (root) {
      out.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    out.addAll(List.of(command));
    return out;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }
}
