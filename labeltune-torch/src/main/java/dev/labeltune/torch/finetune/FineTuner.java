package dev.labeltune.torch.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.math.Vectors;
import dev.labeltune.torch.network.Tensors;
import dev.labeltune.torch.network.TrainableEncoder;
import dev.labeltune.torch.network.Training;
import dev.labeltune.tuning.Calibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Fine-tunes every weight of a sentence encoder with batch softmax against the label texts: each
 * batch holds one example per label (a random subset of labels when there are more than
 * {@link FineTuneOptions#maxLabelsPerBatch()}), the examples and their labels' texts are encoded in
 * the same forward pass, and each example must pick its own label text among the batch's:
 * {@code loss = -1/B sum_i log softmax_j(s(B) * f(x_i) . f(y_j))[i]}, with the factor {@code s(B)} of
 * {@link LossScale} for a batch of {@code B} labels.
 *
 * <p>Labels with fewer examples than others are cycled, so every round of an epoch shows every
 * label. AdamW with linear warm-up and decay, global gradient-norm clipping; optionally early
 * stopping on a held-out part of each label's examples.
 *
 * @since 0.1
 */
public final class FineTuner {
  /** Receives training progress. */
  public interface Progress {
    /**
     * @param step optimizer steps done
     * @param totalSteps steps planned
     * @param epoch the current epoch, 1-based
     * @param loss this step's loss
     */
    void step(int step, int totalSteps, int epoch, double loss);
  }

  private final FineTuneOptions options;
  private final Progress progress;

  /** @param options the training settings */
  public FineTuner(FineTuneOptions options) {
    this(options, (step, total, epoch, loss) -> { });
  }

  private FineTuner(FineTuneOptions options, Progress progress) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** @param listener receives each step's loss @return a tuner reporting to it */
  public FineTuner withProgress(Progress listener) {
    return new FineTuner(options, listener);
  }

  /** @return the settings */
  public FineTuneOptions options() {
    return options;
  }

  /** @return the progress listener */
  public Progress progress() {
    return progress;
  }

  /**
   * @param base the pre-trained model
   * @return a trainable copy with these options' maximum length and dropout; the caller closes it
   */
  public TrainableEncoder load(ModelFiles base) {
    return TrainableEncoder.load(base, options.maxLength(), options.training().dropout());
  }

  /**
   * Fine-tunes a copy of {@code base} and exports it, scoring at a calibrated temperature. Where the
   * loss scale is above 1 the loss can drive the examples' own probabilities to 1, so the model is
   * overconfident at that scale's temperature: the temperature is fitted by cross-validation with
   * {@link FineTuneOptions#calibrationFolds()} folds (when every label has that many examples; never
   * below the inverse of the loss scale). At a scale of 1 or less (two labels a batch) the loss cannot
   * (two cosines in [-1, 1] give at most 0.88), so the probabilities it trained, at temperature 1 over
   * the scale, are kept; the folds' models, trained on fewer examples, would be underconfident.
   *
   * @param base the pre-trained model
   * @param name the tuned model's name
   * @param labelTexts the text standing for each label, by label index
   * @param texts the examples
   * @param labels each example's label index
   * @return the tuned model, its temperature in its config, and how its final training went
   * @throws IllegalArgumentException before any training as {@link #fit} does
   */
  public FineTunedModel tune(ModelFiles base, String name, List<String> labelTexts, List<String> texts, int[] labels) {
    Training.validate(labelTexts, texts, labels);
    int folds = options.calibrationFolds();
    int[] counts = new int[labelTexts.size()];
    for (int label : labels) {
      counts[label]++;
    }
    boolean crossValidate = folds > 0 && options.scale().forBatch(widestBatch(labelTexts.size())) > 1
        && Arrays.stream(counts).allMatch(c -> c >= folds);
    double fitted = crossValidate ? crossValidatedTemperature(base, labelTexts, texts, labels, folds) : Double.NaN;
    try (TrainableEncoder encoder = load(base)) {
      FineTuneResult result = fit(encoder, labelTexts, texts, labels);
      if (crossValidate) {
        // Held-out texts all classified right drive the fit to its sharpest bound; the model is no
        // surer of unseen texts than the loss trained it to be of its own examples.
        result = result.withTemperature(Math.max(fitted, result.temperature()));
      }
      return new FineTunedModel(encoder.toModelFiles(name).withTemperature(result.temperature()), result,
          crossValidate ? folds : 0);
    }
  }

  /**
   * The temperature minimizing the log-loss of held-out predictions: per fold, a fresh copy of the
   * base is tuned on the other folds and scores the fold's examples against the label texts. Folds
   * deal each label's examples, in seeded random order, in turn.
   */
  double crossValidatedTemperature(ModelFiles base, List<String> labelTexts, List<String> texts, int[] labels,
      int folds) {
    int n = texts.size();
    int k = labelTexts.size();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(options.training().seed() ^ 0x5DEECE66DL));
    int[] foldOf = new int[n];
    int[] dealt = new int[k];
    for (int i : order) {
      foldOf[i] = dealt[labels[i]]++ % folds;
    }
    float[] scores = new float[n * k];
    float[] targets = new float[n * k];
    for (int f = 0; f < folds; f++) {
      List<String> trainTexts = new ArrayList<>();
      List<Integer> trainLabels = new ArrayList<>();
      List<String> heldTexts = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (foldOf[i] == f) {
          heldTexts.add(texts.get(i));
          held.add(i);
        } else {
          trainTexts.add(texts.get(i));
          trainLabels.add(labels[i]);
        }
      }
      try (TrainableEncoder encoder = load(base)) {
        fit(encoder, labelTexts, trainTexts, trainLabels.stream().mapToInt(Integer::intValue).toArray());
        float[][] foldScores = Vectors.dotRows(encoder.embed(labelTexts, 32), encoder.embed(heldTexts, 32));
        for (int j = 0; j < held.size(); j++) {
          int i = held.get(j);
          System.arraycopy(foldScores[j], 0, scores, i * k, k);
          targets[i * k + labels[i]] = 1;
        }
      }
    }
    return Calibration.fitTemperature(scores, targets, n, k);
  }

  /**
   * Trains the encoder in place.
   *
   * @param encoder the encoder to tune
   * @param labelTexts the text standing for each label (e.g. the templated label name), by label index
   * @param texts the examples
   * @param labels each example's label index
   * @return what the run did
   * @throws IllegalArgumentException before any training if there are fewer than two labels, a label
   *     has no example, or an index is out of range
   */
  public FineTuneResult fit(TrainableEncoder encoder, List<String> labelTexts, List<String> texts, int[] labels) {
    Training.validate(labelTexts, texts, labels);
    long start = System.nanoTime();
    Random random = new Random(options.training().seed());
    Training.seed(options.training().seed());
    int k = labelTexts.size();
    List<List<Integer>> train = new ArrayList<>();
    List<List<Integer>> heldOut = new ArrayList<>();
    Training.split(labels, k, options.stopping().validationFraction(), random, train, heldOut);
    boolean earlyStopping = heldOut.stream().anyMatch(l -> !l.isEmpty());

    long[][] exampleIds = encoder.tokenize(texts);
    long[][] labelIds = encoder.tokenize(labelTexts);
    int rounds = train.stream().mapToInt(List::size).max().orElse(0);
    int batchesPerRound = batchesPerRound(k);
    int totalSteps = options.training().epochs() * rounds * batchesPerRound;
    Optimizer optimizer = Training.adamW(options.training().learningRate(), options.warmupFraction(), options.training().weightDecay(),
        totalSteps);

    List<Double> losses = new ArrayList<>();
    List<Double> accuracies = new ArrayList<>();
    double bestAccuracy = -1;
    int bestEpoch = options.training().epochs();
    Map<String, float[]> best = null;
    int step = 0;
    int skipped = 0;
    for (int epoch = 1; epoch <= options.training().epochs(); epoch++) {
      double lossSum = 0;
      int batches = 0;
      for (List<Integer> batch : epochBatches(train, rounds, random)) {
        double loss = step(encoder, optimizer, batch, labels, exampleIds, labelIds);
        if (Double.isNaN(loss)) {
          skipped++;
        } else {
          lossSum += loss;
          batches++;
        }
        progress.step(++step, totalSteps, epoch, loss);
      }
      losses.add(batches == 0 ? 0 : lossSum / batches);
      if (earlyStopping) {
        double accuracy = heldOutAccuracy(encoder, heldOut, texts, labelTexts);
        accuracies.add(accuracy);
        if (accuracy > bestAccuracy) {
          bestAccuracy = accuracy;
          bestEpoch = epoch;
          best = encoder.snapshot();
        } else if (epoch - bestEpoch >= options.stopping().patience()) {
          break;
        }
      }
    }
    if (best != null && bestEpoch < losses.size()) {
      encoder.restore(best);
    }
    if (skipped > step / 2) {
      throw new IllegalStateException(skipped + " of " + step + " fine-tuning steps had a non-finite gradient and were "
          + "skipped; lower the learning rate");
    }
    return new FineTuneResult(losses, accuracies, bestEpoch, step, skipped, 1.0 / options.scale().forBatch(widestBatch(k)),
        (System.nanoTime() - start) / 1e9);
  }

  /** @return the most labels one batch holds when rounds of {@code k} labels are split evenly */
  private int widestBatch(int k) {
    return (k + batchesPerRound(k) - 1) / batchesPerRound(k);
  }

  /** @return the batches one round of {@code k} labels is split into */
  private int batchesPerRound(int k) {
    return (k + options.maxLabelsPerBatch() - 1) / options.maxLabelsPerBatch();
  }

  /**
   * One epoch's batches: {@code rounds} rounds, each taking the next example of every label (cycling
   * through labels with fewer), labels shuffled and split into batches of at most
   * {@code maxLabelsPerBatch}.
   */
  private List<List<Integer>> epochBatches(List<List<Integer>> byLabel, int rounds, Random random) {
    List<List<Integer>> order = new ArrayList<>();
    for (List<Integer> examples : byLabel) {
      List<Integer> shuffled = new ArrayList<>(examples);
      Collections.shuffle(shuffled, random);
      order.add(shuffled);
    }
    List<Integer> labelOrder = new ArrayList<>();
    for (int c = 0; c < byLabel.size(); c++) {
      labelOrder.add(c);
    }
    int k = labelOrder.size();
    int perRound = batchesPerRound(k);
    List<List<Integer>> batches = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      Collections.shuffle(labelOrder, random);
      for (int b = 0; b < perRound; b++) {
        List<Integer> batch = new ArrayList<>();
        for (int j = b * k / perRound; j < (b + 1) * k / perRound; j++) {
          List<Integer> examples = order.get(labelOrder.get(j));
          batch.add(examples.get(r % examples.size()));
        }
        batches.add(batch);
      }
    }
    return batches;
  }

  private double step(TrainableEncoder encoder, Optimizer optimizer, List<Integer> batch, int[] labels,
      long[][] exampleIds, long[][] labelIds) {
    int b = batch.size();
    long[][] ids = new long[2 * b][];
    for (int i = 0; i < b; i++) {
      ids[i] = exampleIds[batch.get(i)];
      ids[b + i] = labelIds[labels[batch.get(i)]];
    }
    double loss;
    try (NDManager scope = Training.engine().newBaseManager(Device.cpu());
        GradientCollector collector = Training.engine().newGradientCollector()) {
      NDArray embeddings = encoder.forward(scope, ids, true);
      NDArray lossArray = batchSoftmaxLoss(embeddings.get("0:" + b), embeddings.get(b + ":"),
          options.scale().forBatch(b));
      collector.backward(lossArray);
      loss = lossArray.getFloat();
    }
    return Training.update(optimizer, encoder.parameters(), options.training().maxGradNorm()) ? loss : Double.NaN;
  }

  /**
   * Batch softmax: each text against the label texts of the batch, its own label's text the target.
   *
   * @param x the texts' embeddings, {@code [b, d]}
   * @param y the embeddings of each text's label text, {@code [b, d]}
   * @param scale multiplies the similarities
   * @return the mean cross-entropy, a scalar
   */
  public static NDArray batchSoftmaxLoss(NDArray x, NDArray y, float scale) {
    long b = x.getShape().get(0);
    NDArray similarities = x.matMul(y.transpose());
    NDArray logits = similarities.mul(Tensors.constant(similarities, scale));
    NDArray total = logits.logSoftmax(1).mul(x.getManager().eye((int) b)).sum();
    return total.neg().div(Tensors.constant(total, b));
  }

  private static double heldOutAccuracy(TrainableEncoder encoder, List<List<Integer>> heldOut, List<String> texts,
      List<String> labelTexts) {
    List<String> inputs = new ArrayList<>();
    List<Integer> gold = new ArrayList<>();
    for (int c = 0; c < heldOut.size(); c++) {
      for (int i : heldOut.get(c)) {
        inputs.add(texts.get(i));
        gold.add(c);
      }
    }
    float[][] x = encoder.embed(inputs, 32);
    float[][] y = encoder.embed(labelTexts, 32);
    float[][] scores = Vectors.dotRows(y, x);
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      if (Vectors.argmax(scores[i]) == gold.get(i)) {
        correct++;
      }
    }
    return x.length == 0 ? 0 : (double) correct / x.length;
  }
}
