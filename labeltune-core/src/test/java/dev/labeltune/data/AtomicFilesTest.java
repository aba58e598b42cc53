package dev.labeltune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void write_replacesContent(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("out.jsonl");
    AtomicFiles.write(f, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(f, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(f)).isEqualTo("two");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void write_failureKeepsOldFileAndLeavesNoTemp(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("out.jsonl");
    Files.writeString(f, "old");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void write_givesTheFileTheDefaultPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("plain.txt");
    Files.writeString(plain, "x");
    Path f = dir.resolve("atomic.txt");
    AtomicFiles.write(f, out -> out.write('x'));
    assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(plain));
  }
}
