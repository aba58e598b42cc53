package dev.labeltune.torch.network;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void aNonFiniteGradientSkipsTheStepInsteadOfPoisoningTheWeights() {
    try (NDManager m = Training.engine().newBaseManager(Device.cpu())) {
      Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.BIAS).optShape(new Shape(3)).build();
      w.initialize(m, DataType.FLOAT32);
      Training.assign(m, w, new float[] {1, 2, 3}, new long[] {3}, "w");
      Optimizer adam = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.1f)).build();

      backward(m, w, Float.NaN);
      int live = m.getManagedArrays().size();
      assertThat(Training.update(adam, List.of(w), 1.0)).isFalse();
      assertThat(w.getArray().toFloatArray()).containsExactly(1, 2, 3);
      assertThat(m.getManagedArrays()).as("arrays left behind by a skipped step").hasSize(live);

      backward(m, w, 1f);
      assertThat(Training.update(adam, List.of(w), 1.0)).isTrue();
      for (float v : w.getArray().toFloatArray()) {
        assertThat(v).isFinite();
      }
      assertThat(w.getArray().toFloatArray()[0]).isLessThan(1f);
    }
  }

  private static void backward(NDManager m, Parameter w, float factor) {
    try (GradientCollector collector = Training.engine().newGradientCollector()) {
      NDArray loss = w.getArray().mul(factor).sum();
      collector.backward(loss);
    }
  }
}
