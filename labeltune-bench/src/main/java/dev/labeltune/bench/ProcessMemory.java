package dev.labeltune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The memory this process has used, as the operating system counts it. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /**
   * @return this process's peak resident memory in MiB (Java heap and native PyTorch memory
   *     together), or -1 where {@code /proc/self/status} does not exist
   */
  public static long peakResidentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
