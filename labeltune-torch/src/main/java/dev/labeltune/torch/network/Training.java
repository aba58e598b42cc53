package dev.labeltune.torch.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.labeltune.ModelLoadException;
import dev.labeltune.encoder.ModelCache;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Steps shared by the trainers of this module: seeding, loading weights, clipped optimizer updates. */
public final class Training {
  private static final NDIndex ALL = new NDIndex("...");
  /** What the pytorch-native-cpu jar holds, DJL's index of the native library. */
  private static final String NATIVE_LIBRARY = "native/lib/pytorch.properties";

  static {
    // Native libraries come from the pytorch-native-cpu jar on the classpath; never download.
    System.setProperty("ai.djl.offline", "true");
    // PyTorch's library unpacks where the tokenizers' does: LabelTune's cache, not ~/.djl.ai.
    ModelCache.placeDjlCache();
  }

  private Training() {}

  /** @return the engine every network of this module runs on */
  public static Engine engine() {
    if (Training.class.getClassLoader().getResource(NATIVE_LIBRARY) == null) {
      throw new ModelLoadException("Training needs PyTorch's CPU library (Maven artifact "
          + "ai.djl.pytorch:pytorch-native-cpu, about 110 MB), which this build left out: run the command through "
          + "./labeltune, which fetches it, or build with 'mvn package'");
    }
    return Engine.getEngine("PyTorch");
  }

  /** Seeds PyTorch's generator, which draws initial weights and dropout masks. */
  public static void seed(long seed) {
    engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }

  /**
   * AdamW whose learning rate rises linearly from 0 to {@code peak} over the first
   * {@code warmupFraction} of the steps, then falls linearly to 0 at the last step.
   */
  public static Optimizer adamW(float peak, float warmupFraction, float weightDecay, int totalSteps) {
    int warmup = Math.round(warmupFraction * totalSteps);
    ParameterTracker schedule = (parameterId, update) -> {
      if (update <= warmup) {
        return peak * update / Math.max(1, warmup);
      }
      return peak * Math.max(0, totalSteps - update + 1) / Math.max(1, totalSteps - warmup);
    };
    return Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(weightDecay).build();
  }

  /**
   * Replaces a parameter's values, keeping it trainable.
   *
   * @throws IllegalArgumentException if the shape differs from the parameter's
   */
  public static void assign(NDManager manager, Parameter parameter, float[] values, long[] shape, String name) {
    NDArray array = parameter.getArray();
    if (!Arrays.equals(array.getShape().getShape(), shape)) {
      throw new IllegalArgumentException("Weight '" + name + "' has shape " + Arrays.toString(shape)
          + ", the network expects " + array.getShape());
    }
    // create() wraps a Java-owned buffer; the parameter needs a tensor that owns its memory.
    try (NDArray wrapped = manager.create(FloatBuffer.wrap(values), new Shape(shape))) {
      array.intern(wrapped.duplicate());
    }
    array.setRequiresGradient(true);
  }

  /**
   * Clips the gradients to a global norm, applies the optimizer and zeroes the gradients. A step
   * whose gradient is not finite is skipped (gradients zeroed, weights untouched), so one overflow
   * never turns every weight into NaN.
   *
   * @param optimizer the optimizer
   * @param parameters every trainable parameter
   * @param maxGradNorm the largest global gradient norm
   * @return whether the step was applied
   */
  public static boolean update(Optimizer optimizer, Iterable<Parameter> parameters, double maxGradNorm) {
    double squares = 0;
    for (Parameter p : parameters) {
      // Every intermediate is closed: they belong to the parameter's long-lived manager.
      try (NDArray grad = p.getArray().getGradient(); NDArray sq = grad.square(); NDArray sum = sq.sum()) {
        squares += sum.getFloat();
      }
    }
    double norm = Math.sqrt(squares);
    boolean finite = Double.isFinite(norm);
    float factor = finite && norm > maxGradNorm ? (float) (maxGradNorm / (norm + 1e-6)) : 1f;
    for (Parameter p : parameters) {
      NDArray weight = p.getArray();
      try (NDArray grad = weight.getGradient()) {
        if (finite) {
          if (factor != 1f) {
            try (NDArray scale = Tensors.constant(grad, factor)) {
              grad.muli(scale);
            }
          }
          optimizer.update(p.getId(), weight, grad);
          grad.subi(grad);
        } else {
          // A fill, not a subtraction (NaN - NaN stays NaN); from an array closed here, as filling
          // with a number leaves the number's array behind in the parameter's long-lived manager.
          try (NDArray zeros = grad.zerosLike()) {
            grad.set(ALL, zeros);
          }
        }
      }
    }
    return finite;
  }

  /**
   * @throws IllegalArgumentException if there are fewer than two labels, a label has no example, or
   *     an index is out of range
   */
  public static void validate(List<String> labelTexts, List<String> texts, int[] labels) {
    Objects.requireNonNull(labelTexts, "labelTexts");
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(labels, "labels");
    if (texts.size() != labels.length) {
      throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
    }
    if (labelTexts.size() < 2) {
      throw new IllegalArgumentException("Training needs at least two labels, found " + labelTexts.size()
          + ": the model learns to tell labels apart");
    }
    int[] counts = new int[labelTexts.size()];
    for (int y : labels) {
      if (y < 0 || y >= counts.length) {
        throw new IllegalArgumentException("Label index " + y + " is out of range for " + counts.length + " labels");
      }
      counts[y]++;
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] == 0) {
        missing.add(labelTexts.get(c));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Every label needs at least one example; none for " + missing);
    }
  }

  /**
   * Splits each label's examples at random into training and held-out parts; a label's only example
   * trains.
   */
  public static void split(int[] labels, int k, float fraction, Random random, List<List<Integer>> train,
      List<List<Integer>> heldOut) {
    for (int c = 0; c < k; c++) {
      train.add(new ArrayList<>());
      heldOut.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      train.get(labels[i]).add(i);
    }
    for (int c = 0; c < k; c++) {
      List<Integer> examples = train.get(c);
      Collections.shuffle(examples, random);
      int held = fraction == 0 || examples.size() < 2 ? 0
          : Math.max(1, Math.round(fraction * examples.size()));
      heldOut.get(c).addAll(examples.subList(0, held));
      examples.subList(0, held).clear();
    }
  }
}
