package dev.labeltune.torch.ytuning;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.network.Tensors;
import dev.labeltune.torch.network.Training;
import dev.labeltune.tuning.Calibration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Y-Tuning: learns label representations over a frozen encoder. The encoder's token features are
 * computed once per text and reused for every epoch; only the {@link LabelDecoder} (label vectors,
 * decoder layers, label pointer) is trained, with the hinge loss
 * {@code sum over c != c* of max(0, margin - s(c*) + s(c))} and AdamW.
 *
 * <p>With a validation fraction, a first run on the rest of the examples picks the epoch count by
 * held-out loss and fits the softmax temperature on the held-out scores; the decoder is then
 * retrained from the same start on every example for that many epochs.
 *
 * @since 0.1
 */
public final class YTuner {
  private static final float INIT_STD = 0.02f;

  /** Receives training progress. */
  public interface Progress {
    /**
     * @param epoch the epoch just finished, 1-based
     * @param epochs the most epochs this run may take
     * @param loss its mean training loss
     * @param heldOutAccuracy held-out accuracy after it, or NaN without held-out data
     */
    void epoch(int epoch, int epochs, double loss, double heldOutAccuracy);
  }

  private final YTuningOptions options;
  private final Progress progress;

  /** @param options the settings */
  public YTuner(YTuningOptions options) {
    this(options, (epoch, epochs, loss, accuracy) -> { });
  }

  private YTuner(YTuningOptions options, Progress progress) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** @param listener receives each epoch's loss @return a tuner reporting to it */
  public YTuner withProgress(Progress listener) {
    return new YTuner(options, listener);
  }

  /** @return the settings */
  public YTuningOptions options() {
    return options;
  }

  /** @return the progress listener */
  public Progress progress() {
    return progress;
  }

  /**
   * Trains a Y-tuned head.
   *
   * @param encoder the frozen, shared encoder; it must expose token states
   * @param labels the label names, by index
   * @param labelTexts each label's text (its verbalization), by index
   * @param texts the examples
   * @param y each example's label index
   * @return the trained head
   * @throws IllegalArgumentException before any training if there are fewer than two labels, a label
   *     has no example, or an index is out of range
   */
  public YTunedHead fit(Encoder encoder, List<String> labels, List<String> labelTexts, List<String> texts, int[] y) {
    Objects.requireNonNull(encoder, "encoder");
    if (labels.size() != labelTexts.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + labelTexts.size() + " label texts");
    }
    Training.validate(labelTexts, texts, y);
    long start = System.nanoTime();
    float[][][] features = YTunedClassifier.features(encoder, texts);
    int hidden = features[0][0].length;
    float[] init = labelInit(encoder, labelTexts, features, hidden);
    int k = labels.size();
    Random random = new Random(options.training().seed());
    List<List<Integer>> train = new ArrayList<>();
    List<List<Integer>> heldOut = new ArrayList<>();
    Training.split(y, k, options.stopping().validationFraction(), random, train, heldOut);
    List<Integer> heldOutRows = flatten(heldOut);

    double temperature = Double.NaN;
    double heldOutAccuracy = Double.NaN;
    Map<String, float[]> weights;
    Map<String, long[]> shapes = new LinkedHashMap<>();
    int epochs;
    if (heldOutRows.isEmpty()) {
      Run run = train(features, y, flatten(train), List.of(), k, hidden, init, options.training().epochs(), shapes);
      weights = run.weights;
      epochs = run.epochs;
    } else {
      Run probe = train(features, y, flatten(train), heldOutRows, k, hidden, init, options.training().epochs(), shapes);
      heldOutAccuracy = probe.bestAccuracy;
      temperature = Calibration.fitTemperature(probe.heldOutScores, oneHot(y, heldOutRows, k), heldOutRows.size(), k);
      List<Integer> all = new ArrayList<>(flatten(train));
      all.addAll(heldOutRows);
      Run refit = train(features, y, all, List.of(), k, hidden, init, probe.bestEpoch, shapes);
      weights = refit.weights;
      epochs = refit.epochs;
    }
    return new YTunedHead(labels, labelTexts, encoder.info().name(), encoder.info().fingerprint(), hidden, options,
        temperature, epochs, heldOutAccuracy, texts.size(), weights, shapes, Instant.now(),
        (System.nanoTime() - start) / 1e9);
  }

  /** The outcome of one training run. */
  private static final class Run {
    Map<String, float[]> weights;
    int epochs;
    int bestEpoch;
    double bestAccuracy = Double.NaN;
    double bestLoss = Double.POSITIVE_INFINITY;
    float[] heldOutScores;
  }

  private Run train(float[][][] features, int[] y, List<Integer> rows, List<Integer> heldOut, int k, int hidden,
      float[] init, int epochs, Map<String, long[]> shapes) {
    Run run = new Run();
    Random random = new Random(options.training().seed() + 1);
    Training.seed(options.training().seed());
    try (NDManager manager = Training.engine().newBaseManager(Device.cpu())) {
      LabelDecoder decoder = new LabelDecoder(k, hidden, options);
      decoder.initialize(manager, DataType.FLOAT32, new Shape(1, 2, hidden), new Shape(1, 2));
      Parameter vectors = decoder.labelVectors();
      Training.assign(manager, vectors, init, vectors.getArray().getShape().getShape(), "label vectors");
      List<Parameter> parameters = decoder.getParameters().values();
      ParameterStore store = new ParameterStore(manager, false);
      Optimizer optimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(options.training().learningRate()))
          .optWeightDecays(options.training().weightDecay()).build();
      List<Integer> order = new ArrayList<>(rows);
      Map<String, float[]> best = null;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        Collections.shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int s = 0; s < order.size(); s += options.batchSize()) {
          List<Integer> batch = order.subList(s, Math.min(order.size(), s + options.batchSize()));
          try (NDManager scope = manager.newSubManager();
              GradientCollector collector = Training.engine().newGradientCollector()) {
            NDArray scores = decoder.forward(store, TokenBatch.of(scope, features, batch), true).singletonOrThrow();
            NDArray loss = hingeLoss(scores, scope.create(oneHot(y, batch, k), new Shape(batch.size(), k)),
                options.margin());
            collector.backward(loss);
            lossSum += loss.getFloat();
          }
          Training.update(optimizer, parameters, options.training().maxGradNorm());
          batches++;
        }
        double accuracy = Double.NaN;
        if (!heldOut.isEmpty()) {
          // Held-out hinge loss picks the epoch: on a few held-out examples accuracy ties for many
          // epochs and would stop training at the first of them.
          float[] scores = YTunedClassifier.scores(decoder, store, manager, features, heldOut, k);
          accuracy = accuracy(scores, y, heldOut, k);
          double heldOutLoss = hinge(scores, y, heldOut, k, options.margin());
          if (heldOutLoss < run.bestLoss) {
            run.bestLoss = heldOutLoss;
            run.bestAccuracy = accuracy;
            run.bestEpoch = epoch;
            run.heldOutScores = scores;
          }
        }
        progress.epoch(epoch, epochs, lossSum / Math.max(1, batches), accuracy);
        run.epochs = epoch;
        if (!heldOut.isEmpty() && epoch - run.bestEpoch >= options.stopping().patience()) {
          break;
        }
      }
      if (heldOut.isEmpty()) {
        run.bestEpoch = run.epochs;
      }
      best = new LinkedHashMap<>();
      for (var entry : decoder.getParameters()) {
        best.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        shapes.put(entry.getKey(), entry.getValue().getArray().getShape().getShape());
      }
      run.weights = best;
    }
    return run;
  }

  /**
   * The hinge (triplet) loss of Y-Tuning, averaged over the batch.
   *
   * @param scores {@code [batch, labels]}
   * @param oneHot the gold labels, {@code [batch, labels]}
   * @param margin alpha
   * @return a scalar: mean over texts of {@code sum over c != gold of max(0, margin - s(gold) + s(c))}
   */
  public static NDArray hingeLoss(NDArray scores, NDArray oneHot, float margin) {
    NDArray gold = scores.mul(oneHot).sum(new int[] {1}, true);
    NDArray hinges = scores.sub(gold).add(Tensors.constant(scores, margin));
    NDArray violations = hinges.maximum(Tensors.constant(hinges, 0f)).mul(Tensors.constant(oneHot, 1f).sub(oneHot));
    return violations.sum(new int[] {1}).mean();
  }

  private static double hinge(float[] scores, int[] y, List<Integer> rows, int k, float margin) {
    double sum = 0;
    for (int i = 0; i < rows.size(); i++) {
      int gold = y[rows.get(i)];
      for (int c = 0; c < k; c++) {
        if (c != gold) {
          sum += Math.max(0, margin - scores[i * k + gold] + scores[i * k + c]);
        }
      }
    }
    return sum / rows.size();
  }

  private static double accuracy(float[] scores, int[] y, List<Integer> rows, int k) {
    int correct = 0;
    for (int i = 0; i < rows.size(); i++) {
      float[] row = new float[k];
      System.arraycopy(scores, i * k, row, 0, k);
      if (Vectors.argmax(row) == y[rows.get(i)]) {
        correct++;
      }
    }
    return (double) correct / rows.size();
  }

  private static float[] oneHot(int[] y, List<Integer> rows, int k) {
    float[] out = new float[rows.size() * k];
    for (int i = 0; i < rows.size(); i++) {
      out[i * k + y[rows.get(i)]] = 1f;
    }
    return out;
  }

  private static List<Integer> flatten(List<List<Integer>> byLabel) {
    List<Integer> out = new ArrayList<>();
    byLabel.forEach(out::addAll);
    return out;
  }

  /** Row 0 is the task vector, then {@code m} rows per label. */
  private float[] labelInit(Encoder encoder, List<String> labelTexts, float[][][] examples, int hidden) {
    int k = labelTexts.size();
    int m = options.vectorsPerLabel();
    Random random = new Random(options.training().seed() + 2);
    float[][] base = new float[k][];
    switch (options.init()) {
      case LABEL_TEXT -> {
        float[][][] label = YTunedClassifier.features(encoder, labelTexts);
        for (int c = 0; c < k; c++) {
          base[c] = mean(label[c], hidden);
        }
      }
      case VOCABULARY -> {
        // The encoder's state of a token drawn from the examples: a vocabulary vector as the
        // frozen encoder represents it, on the scale its features have.
        for (int c = 0; c < k; c++) {
          float[][] text = examples[random.nextInt(examples.length)];
          base[c] = text[random.nextInt(text.length)].clone();
        }
      }
      case RANDOM -> {
        for (int c = 0; c < k; c++) {
          base[c] = gaussian(random, hidden, INIT_STD);
        }
      }
      default -> throw new IllegalStateException("unknown init " + options.init());
    }
    float[] out = new float[(1 + k * m) * hidden];
    float[] task = new float[hidden];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < hidden; j++) {
        task[j] += base[c][j] / k;
      }
      for (int v = 0; v < m; v++) {
        float[] noise = v == 0 ? new float[hidden] : gaussian(random, hidden, INIT_STD);
        int row = 1 + c * m + v;
        for (int j = 0; j < hidden; j++) {
          out[row * hidden + j] = base[c][j] + noise[j];
        }
      }
    }
    System.arraycopy(task, 0, out, 0, hidden);
    return out;
  }

  private static float[] mean(float[][] rows, int hidden) {
    float[] out = new float[hidden];
    for (float[] row : rows) {
      for (int j = 0; j < hidden; j++) {
        out[j] += row[j] / rows.length;
      }
    }
    return out;
  }

  private static float[] gaussian(Random random, int n, float std) {
    float[] out = new float[n];
    for (int j = 0; j < n; j++) {
      out[j] = (float) (random.nextGaussian() * std);
    }
    return out;
  }
}
