package dev.labeltune.torch.network;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.torch.finetune.FineTuner;
import dev.labeltune.torch.ytuning.YTuner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradients must not depend on when Java's garbage collector runs. A DJL array made from Java data
 * (every {@code x.mul(2f)}-style overload makes one for its number) wraps memory that the collector
 * frees once DJL closes the array, while autograd may still read it in the backward pass: the
 * fine-tuning tests once failed for that on CI (same seed, two models 1.6e-3 apart; steps skipped
 * for non-finite gradients). Each test runs the same forward and backward twice, the second time
 * collecting garbage and filling freed native memory with NaN in between.
 */
class GarbageCollectionTest {
  private static final NDIndex ALL = new NDIndex("...");

  @Test
  void encoderGradients_doNotDependOnTheCollector() {
    try (TrainableEncoder encoder = TrainableEncoder.load(ModelRegistry.files("all-minilm-l6-v2"), 64, 0f)) {
      long[][] ids = encoder.tokenize(List.of("The match ended in a draw.", "Stocks fell sharply today.",
          "Whisk the eggs with sugar."));
      Function<NDManager, NDArray> loss = scope -> {
        NDArray e = encoder.forward(scope, ids, true);
        return e.get("0:1").mul(e.get("1:2")).sum().add(e.get("2:3").mul(e.get("1:2")).sum());
      };
      assertSameGradients(encoder.parameters(), loss);
    }
  }

  @Test
  void lossGradients_doNotDependOnTheCollector() {
    try (NDManager manager = Training.engine().newBaseManager(Device.cpu())) {
      Parameter x = parameter(manager, "x", new float[] {0.6f, 0.8f, 0f, 1f, -0.2f, 0.4f}, 3, 2);
      Parameter y = parameter(manager, "y", new float[] {1f, 0f, 0.3f, 0.7f, -0.5f, 0.5f}, 3, 2);
      List<Parameter> both = List.of(x, y);
      assertSameGradients(both, scope -> FineTuner.batchSoftmaxLoss(x.getArray(), y.getArray(), 20f));
      assertSameGradients(both, scope -> YTuner.hingeLoss(x.getArray().matMul(y.getArray().transpose()),
          scope.create(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new Shape(3, 3)), 0.4f));
      assertSameGradients(both, scope -> Tensors.unit(x.getArray()).mul(y.getArray()).sum());
    }
  }

  private static Parameter parameter(NDManager manager, String name, float[] values, long rows, long cols) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(rows, cols))
        .build();
    p.initialize(manager, DataType.FLOAT32);
    Training.assign(manager, p, values, new long[] {rows, cols}, name);
    return p;
  }

  private static void assertSameGradients(Collection<Parameter> parameters, Function<NDManager, NDArray> loss) {
    List<float[]> quiet = gradients(parameters, loss, false);
    List<float[]> collected = gradients(parameters, loss, true);
    for (int i = 0; i < quiet.size(); i++) {
      float[] a = quiet.get(i);
      float[] b = collected.get(i);
      int differ = 0;
      for (int j = 0; j < a.length; j++) {
        if (Float.floatToIntBits(a[j]) != Float.floatToIntBits(b[j])) {
          differ++;
        }
      }
      assertThat(differ).as("values of gradient %d that a collection before the backward pass changed", i)
          .isZero();
    }
  }

  private static List<float[]> gradients(Collection<Parameter> parameters, Function<NDManager, NDArray> loss,
      boolean collect) {
    try (NDManager scope = Training.engine().newBaseManager(Device.cpu());
        GradientCollector collector = Training.engine().newGradientCollector()) {
      NDArray value = loss.apply(scope);
      List<ByteBuffer> litter = collect ? collectAndRefillFreedMemory() : List.of();
      collector.backward(value);
      Reference.reachabilityFence(litter);
    }
    List<float[]> out = new ArrayList<>();
    for (Parameter p : parameters) {
      try (NDArray grad = p.getArray().getGradient(); NDArray zeros = grad.zerosLike()) {
        out.add(grad.toFloatArray());
        grad.set(ALL, zeros);
      }
    }
    return out;
  }

  /** @return small direct buffers full of NaN, kept by the caller, where freed native memory is reused */
  private static List<ByteBuffer> collectAndRefillFreedMemory() {
    System.gc();
    try {
      // Direct buffers are freed by the reference handler thread after the collection.
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ByteBuffer> litter = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 4)).order(ByteOrder.nativeOrder());
      while (b.remaining() >= 4) {
        b.putFloat(Float.NaN);
      }
      litter.add(b);
    }
    return litter;
  }
}
