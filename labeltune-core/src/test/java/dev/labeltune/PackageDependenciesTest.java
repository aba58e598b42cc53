package dev.labeltune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Layering of the core's packages: lower layers never import higher ones. */
class PackageDependenciesTest {

  @ParameterizedTest
  @CsvSource({"tuning, eval", "metrics, eval", "metrics, tuning", "math, eval", "encoder, eval", "head, eval"})
  void packageDoesNotImport(String from, String forbidden) throws IOException {
    Path dir = Path.of("src/main/java/dev/labeltune", from);
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> offending = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readString(p).contains("import dev.labeltune." + forbidden + ".");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
      assertThat(offending).as("dev.labeltune.%s must not import dev.labeltune.%s", from, forbidden).isEmpty();
    }
  }
}
