package dev.labeltune.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that readers see either the old content or the complete new one, never a
 * partial file: content goes to a temporary file in the same directory, which is then renamed.
 *
 * @since 0.1
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /** Writes content to a stream. */
  @FunctionalInterface
  public interface Content {
    /**
     * @param out the stream to write to; closed by the caller
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * @param target the file to create or replace
   * @param content writes the file's bytes
   * @throws IOException if writing or renaming fails; the target is then left as it was
   */
  public static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    // Not Files.createTempFile: its owner-only permissions would end up on the renamed file; a new
    // file of our own gets the process's default permissions, as any file the user writes.
    Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    OutputStream out;
    try {
      Files.createDirectories(dir);
      out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw cannotWrite(target, e);
    }
    try {
      try (out) {
        content.writeTo(out);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw cannotWrite(target, e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Names the file the user asked for, not the temporary file the failure happened on. */
  private static IOException cannotWrite(Path target, IOException e) {
    String reason = e instanceof FileAlreadyExistsException f ? f.getFile() + " is a file, not a directory"
        : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
        : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    return new IOException("Cannot write " + target + ": " + reason, e);
  }
}
