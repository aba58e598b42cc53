package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's command-line quick starts as written, in a fresh directory beside the shipped
 * {@code examples/}: every bash block marked {@code <!-- ReadmeCommandsTest: ... -->}, each command
 * in one bash, with {@code ./labeltune} the command line of this build (the launcher would build the
 * project again). A command that fails, or a file a command reads that does not exist, fails the test.
 */
class ReadmeCommandsTest {
  private static final Pattern MARKED = Pattern.compile("<!-- ReadmeCommandsTest: ([^>]*) -->\\n```bash\\n(.*?)```",
      Pattern.DOTALL);

  @Test
  void quickStartsRunAsWritten(@TempDir Path dir) throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Files.createSymbolicLink(dir.resolve("examples"), repo.resolve("examples"));
    Path argFile = dir.resolve("java.args");
    Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
    String launcher = "labeltune() { java -Xlog:cds=off @" + argFile + " dev.labeltune.cli.LabelTuneCommand \"$@\"; }\n"
        + "set -eo pipefail\n";
    Map<String, String> outputs = new LinkedHashMap<>();
    Matcher m = MARKED.matcher(Files.readString(repo.resolve("README.md")));
    while (m.find()) {
      String script = launcher + m.group(2).replace("./labeltune ", "labeltune ");
      Process process = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("'%s' finished", m.group(1)).isTrue();
      assertThat(process.exitValue()).as("'%s' exit status; output:%n%s", m.group(1), output).isZero();
      outputs.put(m.group(1), output);
    }
    assertThat(outputs).containsOnlyKeys("quick start", "walk-through");
    // The figures the README gives for the walk-through.
    assertThat(outputs.get("walk-through")).containsPattern("zero-shot on urgency.*\\n(.*\\n)*accuracy .* macro-F1 34\\.38 ")
        .containsPattern("lt on urgency.*\\n(.*\\n)*accuracy .* macro-F1 95\\.83 \\+/- 2\\.64 ");
    assertThat(dir.resolve("tickets.head.json")).isNotEmptyFile();
    assertThat(dir.resolve("topics.jsonl")).isNotEmptyFile();
    assertThat(lines(dir.resolve("urgency-tuned.jsonl"))).hasSize(24);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }
}
