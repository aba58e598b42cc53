package dev.labeltune.cli;

import dev.labeltune.server.store.jdbc.StoreCopy;
import dev.labeltune.server.store.postgres.PostgresLocation;
import dev.labeltune.server.store.postgres.PostgresStore;
import dev.labeltune.server.store.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code labeltune store}: the service's store, outside the service. */
@Command(name = "store", description = "Manage the service's store.", subcommands = StoreCommand.Migrate.class)
final class StoreCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name what to do: migrate");
  }

  /** {@code labeltune store migrate}: a SQLite store copied into PostgreSQL. */
  @Command(name = "migrate", description = "Copy a SQLite store (serve's --data-dir) into PostgreSQL, for several "
      + "replicas: tenants, keys, tasks, examples, every head version and the job history, ids kept; then check "
      + "the row counts and head checksums. Stop the server first.")
  static final class Migrate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, description = "The data directory holding labeltune.db.")
    Path from;

    @Option(names = "--to", required = true, description = "The PostgreSQL store, as postgresql://host:5432/db?user=name.")
    String to;

    @Option(names = "--replace", description = "Delete what the target already holds and copy over it.")
    boolean replace;

    @Mixin StorePasswordOption password;

    @Override
    public Integer call() throws Exception {
      Path file = from.resolve("labeltune.db");
      if (!Files.isRegularFile(file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + from + "' for option "
            + "'--from': it holds no labeltune.db (serve's --data-dir)");
      }
      PostgresLocation location = password.location("--to", to);
      try (SqliteStore source = SqliteStore.open(file); PostgresStore target = PostgresStore.open(location)) {
        StoreCopy.Report report;
        try {
          report = StoreCopy.copy(source, target, replace);
        } catch (IllegalStateException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        report.rows().forEach((table, rows) -> out.printf("%-14s %8d rows%n", table, rows));
        out.printf("copied %s to %s; row counts and %d head checksums match%n", file, location, report.heads());
        out.flush();
      }
      return 0;
    }
  }
}
