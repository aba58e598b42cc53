package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.testing.ReadmeJava;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Spark block compiles against this module, as a user would paste it. */
class ReadmeSparkExampleTest {

  @Test
  void theSparkBlockCompiles(@TempDir Path dir) throws Exception {
    List<String> blocks = ReadmeJava.blocks(ReadmeJava::usesSpark);
    assertThat(blocks).hasSize(1);
    ReadmeJava.compile(blocks, dir);
  }
}
