package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.testing.ReadmeJava;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README that runs without Spark (the Spark module compiles that one),
 * compiled against the real modules as a user would paste it. The zero-shot quick start also runs.
 */
class ReadmeExamplesTest {
  @TempDir
  Path dir;

  private static List<String> javaBlocks() throws Exception {
    return ReadmeJava.blocks(block -> !ReadmeJava.usesSpark(block));
  }

  @Test
  void everyJavaBlockCompiles() throws Exception {
    List<String> blocks = javaBlocks();
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
    ReadmeJava.compile(blocks, dir);
  }

  @Test
  void theZeroShotQuickStartRuns() throws Exception {
    Path classes = ReadmeJava.compile(javaBlocks().subList(0, 1), dir);
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("readme.Example0").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(old);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("billing 0.");
  }
}
