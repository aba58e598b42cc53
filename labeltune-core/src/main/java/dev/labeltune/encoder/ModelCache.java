package dev.labeltune.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in models, and ONNX Runtime's native libraries, unpacked once from their jars into a cache
 * directory; the models with their fingerprints.
 * A built-in graph is a deflated 90 MB jar entry: inflating it into the Java heap and hashing it took
 * about 0.9 s of every start, while ONNX Runtime reads an unpacked file in a few tens of
 * milliseconds. The entry is keyed by the jar's path, size and modification time, so a new jar
 * version gets a new entry. Any failure (no home directory, a read-only disk) falls back to reading
 * the jar, as before: the cache only ever saves time.
 *
 * <p>The directory is {@code -Dlabeltune.cache.dir}, else {@code $XDG_CACHE_HOME/labeltune}, else
 * {@code ~/.cache/labeltune}, created owner-only; {@code -Dlabeltune.cache.dir=none} turns the cache
 * off.
 */
final class ModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
  static final String DIR_PROPERTY = "labeltune.cache.dir";

  /** An unpacked graph and the fingerprint of its bytes. */
  record Entry(Path onnx, String fingerprint) {}

  private static final String RUNTIME_PATH_PROPERTY = "onnxruntime.native.path";
  private static final String[] RUNTIME_LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};
  private static boolean runtimeChecked;

  private ModelCache() {}

  /**
   * Points ONNX Runtime at its native libraries unpacked in the cache (unpacking them the first
   * time), unless {@code onnxruntime.native.path} is already set. Otherwise the runtime inflates its
   * 28 MB library into a new temporary directory on every start (and leaves it behind when the
   * process is killed). Must run before the runtime's first use; later calls do nothing.
   */
  static synchronized void useUnpackedRuntime() {
    if (runtimeChecked) {
      return;
    }
    runtimeChecked = true;
    Optional<Path> root = root();
    Optional<String> platform = runtimePlatform();
    if (root.isEmpty() || platform.isEmpty() || System.getProperty(RUNTIME_PATH_PROPERTY) != null) {
      return;
    }
    String base = "ai/onnxruntime/native/" + platform.get() + "/";
    String[] files = new String[RUNTIME_LIBRARIES.length];
    for (int i = 0; i < files.length; i++) {
      files[i] = System.mapLibraryName(RUNTIME_LIBRARIES[i]);
    }
    try {
      Optional<Path> jar = jarOf(base + files[0]);
      if (jar.isEmpty()) {
        return;
      }
      Path dir = root.get().resolve("onnxruntime-" + platform.get() + "-" + key(jar.get()));
      if (!Files.isRegularFile(dir.resolve("complete"))) {
        unpackAll(dir, temp -> {
          for (String file : files) {
            try (InputStream in = ModelCache.class.getClassLoader().getResourceAsStream(base + file)) {
              if (in == null) {
                throw new IOException("resource " + base + file + " not found");
              }
              Files.copy(in, temp.resolve(file));
            }
          }
          Files.writeString(temp.resolve("complete"), "", StandardCharsets.UTF_8);
        });
      }
      if (Files.isRegularFile(dir.resolve("complete"))) {
        System.setProperty(RUNTIME_PATH_PROPERTY, dir.toString());
      }
    } catch (IOException | RuntimeException | URISyntaxException e) {
      LOG.debug("Unpacked runtime unavailable: {}", e.toString());
    }
  }

  /** @return ONNX Runtime's name for this platform's native directory, if it ships one */
  private static Optional<String> runtimePlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : null;
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : null;
    return o == null || a == null ? Optional.empty() : Optional.of(o + "-" + a);
  }

  /**
   * @param model a built-in model whose jar is on the classpath
   * @return its unpacked graph, unpacking it now if needed; empty when the cache cannot be used
   */
  static Optional<Entry> builtin(BuiltinModel model) {
    Optional<Path> root = root();
    if (root.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<Path> jar = jarOf(model.modelResource());
      if (jar.isEmpty()) {
        return Optional.empty();
      }
      Path dir = root.get().resolve(model.name() + "-" + key(jar.get()));
      Optional<Entry> cached = read(dir);
      return cached.isPresent() ? cached : Optional.of(unpack(model, dir));
    } catch (IOException | RuntimeException | URISyntaxException e) {
      LOG.debug("Model cache unavailable for {}: {}", model.name(), e.toString());
      return Optional.empty();
    }
  }

  /** @return the jar file a classpath resource is in, if it is in a jar */
  private static Optional<Path> jarOf(String resource) throws IOException, URISyntaxException {
    URL url = ModelCache.class.getClassLoader().getResource(resource);
    if (url == null) {
      return Optional.empty();
    }
    URLConnection connection = url.openConnection();
    return connection instanceof JarURLConnection jar
        ? Optional.of(Path.of(jar.getJarFileURL().toURI()))
        : Optional.empty();
  }

  /** @return a short key that changes with the jar's path, size or modification time */
  private static String key(Path jar) throws IOException {
    return Fingerprints.sha256((jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
        + Files.getLastModifiedTime(jar).toMillis()).getBytes(StandardCharsets.UTF_8)).substring(7, 23);
  }

  private static Optional<Path> root() {
    String configured = System.getProperty(DIR_PROPERTY);
    if ("none".equals(configured)) {
      return Optional.empty();
    }
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Optional.of(Path.of(xdg, "labeltune"));
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "labeltune"));
  }

  private static Optional<Entry> read(Path dir) throws IOException {
    Path onnx = dir.resolve("model.onnx");
    Path fingerprint = dir.resolve("fingerprint");
    if (!Files.isRegularFile(onnx) || !Files.isRegularFile(fingerprint)) {
      return Optional.empty();
    }
    // "<size> sha256:<hex>": a truncated file (a full disk, a killed copy) is never taken for the model.
    String[] parts = Files.readString(fingerprint, StandardCharsets.UTF_8).trim().split(" ");
    if (parts.length != 2 || !parts[1].startsWith("sha256:") || Long.parseLong(parts[0]) != Files.size(onnx)) {
      return Optional.empty();
    }
    return Optional.of(new Entry(onnx, parts[1]));
  }

  private static Entry unpack(BuiltinModel model, Path dir) throws IOException {
    String[] fingerprint = new String[1];
    unpackAll(dir, temp -> {
      try (InputStream in = ModelCache.class.getClassLoader().getResourceAsStream(model.modelResource())) {
        if (in == null) {
          throw new IOException("resource " + model.modelResource() + " vanished");
        }
        fingerprint[0] = Fingerprints.copy(in, temp.resolve("model.onnx"));
      }
      Files.writeString(temp.resolve("fingerprint"), Files.size(temp.resolve("model.onnx")) + " " + fingerprint[0]
          + "\n", StandardCharsets.UTF_8);
    });
    return read(dir).orElseThrow(() -> new IOException("cache entry " + dir + " is incomplete"));
  }

  @FunctionalInterface
  private interface Filler {
    void fill(Path temp) throws IOException;
  }

  /**
   * Fills a temporary sibling of {@code dir} and renames it into place, so a cache entry appears
   * complete or not at all; if another process got there first, its entry stays. Callers come here
   * when the entry at {@code dir} is missing or unusable: a damaged one (truncated, half-deleted) is
   * removed first, not trusted and not kept forever.
   */
  private static void unpackAll(Path dir, Filler filler) throws IOException {
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    Path parent = dir.getParent();
    if (!Files.isDirectory(parent)) {
      Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path temp = Files.createTempDirectory(parent, dir.getFileName() + ".");
    try {
      filler.fill(temp);
      try {
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
        LOG.debug("Cache entry {} was made by another process", dir);
      }
    } finally {
      if (Files.exists(temp)) {
        deleteTree(temp);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
