package dev.labeltune.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The README's Java blocks, compiled against a module's test class path as a user would paste them:
 * the imports on top, the rest as the body of a main method. Each module compiles the blocks its
 * class path can (the Spark block in the Spark module), so no module's class path is widened for it.
 */
public final class ReadmeJava {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private ReadmeJava() {}

  /** @param which blocks to keep @return the README's Java blocks, in order */
  public static List<String> blocks(Predicate<String> which) throws java.io.IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      if (which.test(m.group(1))) {
        blocks.add(m.group(1));
      }
    }
    return blocks;
  }

  /** @return whether a block uses the Spark API */
  public static boolean usesSpark(String block) {
    return block.contains("import org.apache.spark.");
  }

  /**
   * Compiles blocks as classes {@code readme.Example0..n}, failing the test with the diagnostics.
   *
   * @param blocks the blocks
   * @param dir a scratch directory
   * @return the directory of the compiled classes
   */
  public static Path compile(List<String> blocks, Path dir) throws Exception {
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
}
