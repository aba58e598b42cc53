package dev.labeltune.encoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.labeltune.ModelLoadException;
import dev.labeltune.internal.DaemonThreads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How every encoder graph is opened on ONNX Runtime: one environment, one set of session options, the
 * tokenizer loaded beside the session.
 */
final class OnnxSessions {
  private static final AtomicBoolean PREWARMED = new AtomicBoolean();

  private OnnxSessions() {}

  /** Makes a session on a graph with the given options. */
  @FunctionalInterface
  interface SessionFactory {
    OrtSession create(OrtEnvironment env, RuntimeOptions options) throws OrtException;
  }

  /** A graph's session and tokenizer, opened. */
  record Opened(OrtEnvironment env, OrtSession session, TextTokenizer tokenizer) {}

  /** See {@link OnnxEncoder#prewarm()}. */
  static void prewarm() {
    if (PREWARMED.compareAndSet(false, true)) {
      DaemonThreads.oneShot("labeltune-runtime-prewarm").execute(() -> {
        try {
          runtime();
        } catch (RuntimeException | LinkageError e) {
          // Opening a model will load the runtime again and report the problem there.
        }
      });
    }
  }

  /**
   * Opens a graph's session and its tokenizer side by side.
   *
   * @throws ModelLoadException if either cannot be loaded
   */
  static Opened open(String name, SessionFactory factory, InputStream tokenizerJson, EncoderConfig effective,
      RuntimeOptions options) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    byte[] definition;
    try {
      definition = tokenizerJson.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read the tokenizer of model '" + name + "': " + e.getMessage(), e);
    }
    // The tokenizer's native library and the ONNX session each take a few hundred milliseconds to
    // load, which is most of a short command's run: load them side by side.
    CompletableFuture<TextTokenizer> tokenizer = CompletableFuture.supplyAsync(() -> {
      try {
        return TextTokenizer.create(new ByteArrayInputStream(definition), effective);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, DaemonThreads.oneShot("labeltune-tokenizer-load"));
    OrtEnvironment env = runtime();
    OrtSession session;
    try {
      session = factory.create(env, options);
    } catch (OrtException e) {
      tokenizer.thenAccept(TextTokenizer::close);
      throw new ModelLoadException("Model '" + name + "' is not a valid ONNX file: " + e.getMessage(), e);
    }
    TextTokenizer loaded;
    try {
      loaded = tokenizer.join();
    } catch (CompletionException e) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
      throw new ModelLoadException("Cannot load the tokenizer of model '" + name + "': " + cause.getMessage(), cause);
    }
    return new Opened(env, session, loaded);
  }

  /**
   * ONNX Runtime's environment, shared by every session of the process, its native libraries loaded
   * from the model cache when it can (see the README's "Encoders"); {@link GraphSession} runs other
   * graphs in it.
   *
   * @return the environment
   */
  static OrtEnvironment runtime() {
    ModelCache.useUnpackedRuntime();
    return OrtEnvironment.getEnvironment();
  }

  /** @return a session on an ONNX file with the options every encoder session runs with */
  static OrtSession fileSession(OrtEnvironment env, Path modelFile, RuntimeOptions options) throws OrtException {
    try (OrtSession.SessionOptions so = sessionOptions(options)) {
      return env.createSession(modelFile.toString(), so);
    }
  }

  /** @return the options every encoder session runs with; the caller closes them */
  static OrtSession.SessionOptions sessionOptions(RuntimeOptions options) throws OrtException {
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    so.setIntraOpNumThreads(options.threads());
    so.setInterOpNumThreads(1);
    so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    so.addConfigEntry("session.intra_op.allow_spinning", "0");
    return so;
  }
}
