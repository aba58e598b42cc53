package dev.labeltune.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in models, and ONNX Runtime's native libraries, unpacked once from their jars into a cache
 * directory; the models with their fingerprints.
 * A built-in graph is a deflated 90 MB jar entry: inflating it into the Java heap and hashing it took
 * about 0.9 s of every start, while ONNX Runtime reads an unpacked file in a few tens of
 * milliseconds. An entry is keyed by the content of what it unpacks (the jar entry's CRC-32 and
 * size, read from the jar's directory without inflating anything), so every clone and every
 * LabelTune version that ships the same bytes shares it, and different bytes get their own. Any
 * failure (no home directory, a read-only disk) falls back to reading the jar, as before: the cache
 * only ever saves time. DJL's native tokenizer library (and PyTorch's, for training) is unpacked
 * under the same directory ({@code djl/}) unless {@code DJL_CACHE_DIR} says otherwise.
 *
 * <p>The directory is {@code -Dlabeltune.cache.dir}, else {@code $XDG_CACHE_HOME/labeltune}, else
 * {@code ~/.cache/labeltune}, created owner-only; {@code -Dlabeltune.cache.dir=none} turns the cache
 * off.
 *
 * @since 0.1
 */
public final class ModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
  static final String DIR_PROPERTY = "labeltune.cache.dir";
  private static final String DJL_CACHE = "DJL_CACHE_DIR";

  /** An unpacked graph and the fingerprint of its bytes. */
  record Entry(Path onnx, String fingerprint) {}

  private static final String RUNTIME_PATH_PROPERTY = "onnxruntime.native.path";
  private static final String[] RUNTIME_LIBRARIES = {"onnxruntime", "onnxruntime4j_jni"};
  private static boolean runtimeChecked;

  private ModelCache() {}

  /**
   * One entry of the cache directory.
   *
   * @param name the entry's name: a model or runtime and the key of its bytes, or {@code djl}
   * @param bytes the size of its files
   */
  public record Item(String name, long bytes) {}

  /** @return the cache directory, unless the cache is turned off or there is no home directory */
  public static Optional<Path> directory() {
    return root();
  }

  /**
   * @return the entries of the cache directory, by name; empty if it does not exist
   * @throws IOException if the directory cannot be read
   */
  public static List<Item> list() throws IOException {
    Optional<Path> root = root();
    if (root.isEmpty() || !Files.isDirectory(root.get())) {
      return List.of();
    }
    List<Item> out = new ArrayList<>();
    try (var children = Files.list(root.get())) {
      for (Path child : children.sorted().toList()) {
        out.add(new Item(child.getFileName().toString(), bytes(child)));
      }
    }
    return out;
  }

  /**
   * Deletes every entry; processes running keep the files they have open, and the next start
   * unpacks what it needs again.
   *
   * @return the bytes freed
   * @throws IOException if an entry cannot be deleted
   */
  public static long clear() throws IOException {
    long freed = 0;
    for (Item item : list()) {
      deleteTree(root().orElseThrow().resolve(item.name()));
      freed += item.bytes();
    }
    return freed;
  }

  private static long bytes(Path path) throws IOException {
    try (var paths = Files.walk(path)) {
      long sum = 0;
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }

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
      Optional<String> key = contentKey(base + files[0]);
      if (key.isEmpty()) {
        return;
      }
      Path dir = root.get().resolve("onnxruntime-" + platform.get() + "-" + key.get());
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
    } catch (IOException | RuntimeException e) {
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
      Optional<String> key = contentKey(model.modelResource());
      if (key.isEmpty()) {
        return Optional.empty();
      }
      Path dir = root.get().resolve(model.name() + "-" + key.get());
      Optional<Entry> cached = read(dir);
      return cached.isPresent() ? cached : Optional.of(unpack(model, dir));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Model cache unavailable for {}: {}", model.name(), e.toString());
      return Optional.empty();
    }
  }

  /**
   * @return a key of a classpath resource's bytes, if it is in a jar: its CRC-32 and size as the
   *     jar's directory records them
   */
  private static Optional<String> contentKey(String resource) throws IOException {
    URL url = ModelCache.class.getClassLoader().getResource(resource);
    return url == null ? Optional.empty() : contentKey(url);
  }

  /** @return the key of the bytes at a {@code jar:} URL, else empty */
  static Optional<String> contentKey(URL url) throws IOException {
    if (!(url.openConnection() instanceof JarURLConnection connection)) {
      return Optional.empty();
    }
    JarEntry entry = connection.getJarEntry();
    if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%08x-%d", entry.getCrc(), entry.getSize()));
  }

  /**
   * Points DJL's cache (where the tokenizers' and PyTorch's native libraries are unpacked) into
   * LabelTune's, unless the user placed it; call before DJL loads a native library.
   */
  public static void placeDjlCache() {
    if (System.getProperty(DJL_CACHE) != null || System.getenv(DJL_CACHE) != null) {
      return;
    }
    root().ifPresent(r -> System.setProperty(DJL_CACHE, r.resolve("djl").toString()));
  }

  /** @return the cache directory, unless the cache is off or there is no home directory */
  static Optional<Path> root() {
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

  /** Deletes a directory and what it holds; one that does not exist is left so. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
