package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README, compiled against the real modules as a user would paste it:
 * its imports on top, the rest as the body of a main method. The zero-shot quick start also runs.
 */
class ReadmeExamplesTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path dir;

  private static List<String> javaBlocks() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private Path compile(List<String> blocks) throws Exception {
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : blocks.get(i).split("\n")) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
      Path source = dir.resolve("src/readme/Example" + i + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package readme;\n" + imports + "public class Example" + i + " {\n"
          + "  public static void main(String[] args) throws Exception {\n" + body + "  }\n}\n");
      sources.add(source);
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean ok = compiler.getTask(null, files, diagnostics,
          List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none"),
          null, files.getJavaFileObjectsFromPaths(sources)).call();
      assertThat(ok).as("README Java blocks compile: %s", diagnostics.getDiagnostics()).isTrue();
    }
    return classes;
  }

  @Test
  void everyJavaBlockCompiles() throws Exception {
    List<String> blocks = javaBlocks();
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
    compile(blocks);
  }

  @Test
  void theZeroShotQuickStartRuns() throws Exception {
    Path classes = compile(javaBlocks().subList(0, 1));
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
