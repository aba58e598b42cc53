package dev.labeltune.spark;

import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.encoder.RuntimeOptions;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Which encoder a job needs: a model and how it runs. Small and serializable, it travels to the
 * executors in place of the model; each executor JVM then opens the model once and shares it.
 *
 * @param model a built-in model name, or a model directory that exists on every executor
 * @param threads ONNX Runtime threads per call, at least 1
 * @param maxLength maximum tokens per text, or 0 for the model's own
 */
record EncoderKey(String model, int threads, int maxLength) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Encoders of this JVM. They live as long as the executor: a session is expensive to open and cheap
   * to keep.
   */
  private static final ConcurrentHashMap<EncoderKey, OnnxEncoder> SHARED = new ConcurrentHashMap<>();

  static {
    // A killed executor exits while tasks may be inside ONNX Runtime; closing first (close waits
    // for calls in flight) narrows the window in which the runtime's own exit hook, which runs at the
    // same time as this one, tears the environment down under them. SparkJob closes before any hook.
    Runtime.getRuntime().addShutdownHook(new Thread(EncoderKey::closeAll, "labeltune-encoders-shutdown"));
  }

  /** Closes every encoder of this JVM, after the calls in flight; later calls fail instead of running. */
  static void closeAll() {
    SHARED.values().forEach(OnnxEncoder::close);
  }

  EncoderKey {
    Objects.requireNonNull(model, "model");
    if (threads < 1 || maxLength < 0) {
      throw new IllegalArgumentException("threads must be positive and maxLength not negative, found " + threads
          + " and " + maxLength);
    }
  }

  /**
   * The key for a job. ONNX Runtime threads per call are the given count, else {@value
   * EncoderTransformer#THREADS_CONF}, else {@code spark.task.cpus} (1 by default): Spark already runs
   * one task per core and every task calls the executor's one session, so each call gets its task's
   * share of the cores. (Measured on 2 cores: 1 thread per call, 2 tasks at once, is 16% faster than
   * 2 threads per call; see BENCHMARKS.md.)
   *
   * @param sc the job's context
   * @param model a built-in model name or model directory
   * @param threads threads, or 0 to take them from the configuration
   * @param maxLength maximum tokens per text, or 0 for the model's own
   * @return the key
   */
  static EncoderKey of(SparkContext sc, String model, int threads, int maxLength) {
    if (threads > 0) {
      return new EncoderKey(model, threads, maxLength);
    }
    SparkConf conf = sc.getConf();
    int n = conf.contains(EncoderTransformer.THREADS_CONF)
        ? conf.getInt(EncoderTransformer.THREADS_CONF, 1)
        : conf.getInt("spark.task.cpus", 1);
    return new EncoderKey(model, Math.max(1, n), maxLength);
  }

  /**
   * @return this JVM's encoder for the key, opened on first use; concurrent first uses wait for one
   *     opening
   */
  OnnxEncoder encoder() {
    return SHARED.computeIfAbsent(this, EncoderKey::open);
  }

  private OnnxEncoder open() {
    return ModelRegistry.load(model, RuntimeOptions.defaults().withThreads(threads).withMaxLength(maxLength));
  }
}
