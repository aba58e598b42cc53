package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labeltune spark} killed with SIGTERM while its tasks are encoding: the job closes its
 * encoders before the JVM's shutdown hooks run (ONNX Runtime's among them) and exits as a killed
 * process does, without a crash of the runtime (no hs_err file, no SIGSEGV status).
 */
class SparkJobSignalTest {
  private static final int TEXTS = 6_000;

  @Test
  void sigtermMidJobClosesTheEncodersAndExitsWithoutACrash(@TempDir Path dir) throws Exception {
    StringBuilder jsonl = new StringBuilder();
    List<String> texts = SparkFixtures.texts(40);
    for (int i = 0; i < TEXTS; i++) {
      jsonl.append("{\"text\": \"").append(texts.get(i % texts.size())).append(" (copy ").append(i).append(")\"}\n");
    }
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), jsonl);
    Path output = dir.resolve("out.jsonl");
    Path argFile = dir.resolve("java.args");
    // Through an argument file: ONNX Runtime crashes at start in processes whose command line passes ~4 KB.
    Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "@" + Path.of("config", "jvm.options").toAbsolutePath(), "@" + argFile,
        "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"), SparkJob.class.getName(), "classify", "--master",
        "local[2]", "--input", corpus.toString(), "--labels", "billing,shipping,refund", "--output",
        output.toString()));
    Process job = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("job.log").toFile()).start();
    try {
      // Spark makes the output's _temporary directory when the first task starts writing rows, which
      // it does as they come out of the encoder: from then on, inference is in flight.
      Path running = output.resolve("_temporary");
      for (int i = 0; i < 1200 && !Files.exists(running) && job.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertThat(running).as("the job's tasks started; its log:%n%s", log(dir)).exists();
      Thread.sleep(500);
      assertThat(job.isAlive()).as("still running when signalled; its log:%n%s", log(dir)).isTrue();
      job.destroy();
      assertThat(job.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
      assertThat(job.exitValue()).as("exit status (143 = killed by SIGTERM); log:%n%s", log(dir)).isEqualTo(143);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
      }
      assertThat(log(dir)).contains("labeltune spark: stopped by SIGTERM; the output is incomplete")
          .doesNotContain("SIGSEGV").doesNotContain("A fatal error has been detected");
      assertThat(output.resolve("_SUCCESS")).doesNotExist();
    } finally {
      job.destroyForcibly();
    }
  }

  private static String log(Path dir) throws java.io.IOException {
    return Files.readString(dir.resolve("job.log"));
  }
}
