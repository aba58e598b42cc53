package dev.labeltune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --json} for commands that train something: one JSON object on standard output for scripts,
 * and the human summary moved to standard error so the two never mix.
 */
final class SummaryOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--json", description = "Print the summary as one JSON object on standard output "
      + "(the human lines go to standard error).")
  boolean json;

  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** @return where the human summary goes */
  PrintWriter human(CommandLine.Model.CommandSpec spec) {
    return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
  }

  /** Adds one field of the JSON summary. */
  SummaryOptions put(String key, Object value) {
    fields.put(key, value instanceof Double d && d.isNaN() ? null : value);
    return this;
  }

  /** Prints the JSON summary when {@code --json} was given. */
  void finish(CommandLine.Model.CommandSpec spec) {
    if (!json) {
      return;
    }
    try {
      spec.commandLine().getOut().println(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A summary of names and numbers is always JSON", e);
    }
    spec.commandLine().getOut().flush();
  }
}
