package dev.labeltune.cli;

import dev.labeltune.LabelTuneException;
import dev.labeltune.server.store.postgres.PostgresLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a PostgreSQL store's password comes from: a file, else LABELTUNE_STORE_PASSWORD; never the command line. */
final class StorePasswordOption {
  @Option(names = "--store-password-file", description = "A file holding the store's password (its first line); "
      + "else LABELTUNE_STORE_PASSWORD.")
  Path file;

  /**
   * @param option the option that gave {@code url}, named in the error
   * @return the location of the store at {@code url}, with its password
   * @throws LabelTuneException (exit 1, one line) if the URL is not a PostgreSQL URL or holds a password
   */
  PostgresLocation location(String option, String url) throws IOException {
    String password = System.getenv("LABELTUNE_STORE_PASSWORD");
    if (file != null) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      password = lines.isEmpty() ? "" : lines.get(0).strip();
    }
    try {
      return PostgresLocation.parse(url.strip(), password);
    } catch (IllegalArgumentException e) {
      throw new LabelTuneException("Invalid value for option '" + option + "': " + e.getMessage(), e);
    }
  }
}
