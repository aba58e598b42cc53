package dev.labeltune.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.labeltune.InferenceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small float graph (matrix products, softmax and the like, built by LabelTune itself) run on ONNX
 * Runtime, for work outside the encoder that wants its threaded kernels: inputs that stay the same
 * for many runs are kept in the runtime ({@link #keep}), the others are copied into reused buffers on
 * each {@link #run}. Not thread-safe: one per worker. Closing releases the native memory.
 *
 * @since 0.1
 */
public final class GraphSession implements AutoCloseable {
  private final OrtEnvironment env = OnnxSessions.runtime();
  private final OrtSession session;
  private final Map<String, OnnxTensor> kept = new HashMap<>();
  private final Map<String, FloatBuffer> buffers = new HashMap<>();

  private GraphSession(OrtSession session) {
    this.session = session;
  }

  /**
   * @param graph the serialized ONNX graph
   * @param threads intra-op threads for each run
   * @return the session
   * @throws InferenceException if ONNX Runtime refuses the graph
   */
  public static GraphSession open(byte[] graph, int threads) {
    OrtEnvironment env = OnnxSessions.runtime();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      return new GraphSession(env.createSession(graph, options));
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime refused a LabelTune graph: " + e.getMessage(), e);
    }
  }

  /**
   * One input of a run.
   *
   * @param name the graph's input name
   * @param values row-major values; the first {@code product(shape)} are used
   * @param shape its shape
   */
  public record Input(String name, float[] values, long... shape) {}

  /** Keeps an input in the runtime for every later run. */
  public void keep(Input input) {
    FloatBuffer values = direct(size(input.shape()));
    values.put(input.values(), 0, values.capacity()).rewind();
    try {
      OnnxTensor old = kept.put(input.name(), OnnxTensor.createTensor(env, values, input.shape()));
      if (old != null) {
        old.close();
      }
    } catch (OrtException e) {
      throw new InferenceException("Cannot hold input '" + input.name() + "' in ONNX Runtime: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the graph on the kept inputs and these.
   *
   * @return its first output, row-major
   */
  public float[] run(Input... inputs) {
    return execute(true, inputs);
  }

  /** Runs the graph and drops its output: for timing the graph alone. */
  public void runDiscarding(Input... inputs) {
    execute(false, inputs);
  }

  private float[] execute(boolean keepOutput, Input... inputs) {
    List<OnnxTensor> made = new ArrayList<>(inputs.length);
    try {
      Map<String, OnnxTensor> feed = new HashMap<>(kept);
      for (Input in : inputs) {
        int n = size(in.shape());
        FloatBuffer buffer = buffers.compute(in.name(), (k, b) -> b != null && b.capacity() >= n ? b : direct(n));
        buffer.clear();
        buffer.put(in.values(), 0, n).flip();
        OnnxTensor t = OnnxTensor.createTensor(env, buffer, in.shape());
        made.add(t);
        feed.put(in.name(), t);
      }
      try (OrtSession.Result result = session.run(feed)) {
        if (!keepOutput) {
          return null;
        }
        FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[] values = new float[out.remaining()];
        out.get(values);
        return values;
      }
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime failed on a LabelTune graph: " + e.getMessage(), e);
    } finally {
      made.forEach(OnnxTensor::close);
    }
  }

  private static int size(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return Math.toIntExact(n);
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  @Override
  public void close() {
    kept.values().forEach(OnnxTensor::close);
    kept.clear();
    try {
      session.close();
    } catch (OrtException e) {
      throw new InferenceException("Cannot release a LabelTune graph: " + e.getMessage(), e);
    }
  }
}
