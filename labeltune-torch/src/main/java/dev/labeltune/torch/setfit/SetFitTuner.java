package dev.labeltune.torch.setfit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.torch.finetune.FineTuneResult;
import dev.labeltune.torch.finetune.FineTuner;
import dev.labeltune.torch.network.Tensors;
import dev.labeltune.torch.network.TrainableEncoder;
import dev.labeltune.torch.network.Training;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The contrastive stage of SetFit: fine-tunes every weight of a sentence encoder on pairs of
 * examples, pulling the cosine similarity of two texts of the same label towards 1 and of two
 * texts of different labels towards 0 (mean squared error). Pairs are sampled as in the SetFit
 * paper: in each of {@link SetFitOptions#iterations()} rounds, every example is paired once with a
 * random example of its own label and once with a random example of another label. The
 * classification head on the tuned embeddings is {@link SetFit}'s job.
 *
 * @since 0.1
 */
public final class SetFitTuner {
  /** One training pair: two example indices and the target cosine similarity. */
  record Pair(int first, int second, float target) {}

  private final SetFitOptions options;
  private final FineTuner.Progress progress;

  /** @param options the training settings */
  public SetFitTuner(SetFitOptions options) {
    this(options, (step, total, epoch, loss) -> { });
  }

  private SetFitTuner(SetFitOptions options, FineTuner.Progress progress) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** @param listener receives each step's loss @return a tuner reporting to it */
  public SetFitTuner withProgress(FineTuner.Progress listener) {
    return new SetFitTuner(options, listener);
  }

  /** @return the settings */
  public SetFitOptions options() {
    return options;
  }

  /** @return the progress listener */
  public FineTuner.Progress progress() {
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
   * Trains the encoder in place on pairs of the examples.
   *
   * @param encoder the encoder to tune
   * @param labelNames the labels, by index (for messages)
   * @param texts the examples
   * @param labels each example's label index
   * @return what the run did (no held-out accuracies: SetFit does not stop early)
   * @throws IllegalArgumentException before any training if there are fewer than two labels, a label
   *     has no example, or an index is out of range
   */
  public FineTuneResult fit(TrainableEncoder encoder, List<String> labelNames, List<String> texts, int[] labels) {
    Training.validate(labelNames, texts, labels);
    long start = System.nanoTime();
    Random random = new Random(options.training().seed());
    Training.seed(options.training().seed());
    List<Pair> pairs = pairs(labels, labelNames.size(), options.iterations(), random);
    long[][] ids = encoder.tokenize(texts);
    int perEpoch = (pairs.size() + options.batchSize() - 1) / options.batchSize();
    int totalSteps = options.training().epochs() * perEpoch;
    Optimizer optimizer = Training.adamW(options.training().learningRate(), options.warmupFraction(), options.training().weightDecay(),
        totalSteps);
    List<Double> losses = new ArrayList<>();
    int step = 0;
    int skipped = 0;
    for (int epoch = 1; epoch <= options.training().epochs(); epoch++) {
      Collections.shuffle(pairs, random);
      double lossSum = 0;
      int applied = 0;
      for (int from = 0; from < pairs.size(); from += options.batchSize()) {
        List<Pair> batch = pairs.subList(from, Math.min(pairs.size(), from + options.batchSize()));
        double loss = step(encoder, optimizer, batch, ids);
        if (Double.isNaN(loss)) {
          skipped++;
        } else {
          lossSum += loss;
          applied++;
        }
        progress.step(++step, totalSteps, epoch, loss);
      }
      losses.add(applied == 0 ? 0 : lossSum / applied);
    }
    if (skipped > step / 2) {
      throw new IllegalStateException(skipped + " of " + step + " SetFit steps had a non-finite gradient and were "
          + "skipped; lower the learning rate");
    }
    // The pair loss trains cosines, not a softmax over labels: the encoder keeps its base's temperature.
    return new FineTuneResult(losses, List.of(), options.training().epochs(), step, skipped,
        encoder.encoderConfig().temperature(), (System.nanoTime() - start) / 1e9);
  }

  /**
   * The SetFit paper's pair sampling, in sampling order: per round and example, a positive pair
   * (possibly the example with itself when its label has no other) and, when another label has
   * examples, a negative pair.
   */
  static List<Pair> pairs(int[] labels, int labelCount, int iterations, Random random) {
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int c = 0; c < labelCount; c++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byLabel.get(labels[i]).add(i);
    }
    List<Pair> pairs = new ArrayList<>(2 * iterations * labels.length);
    for (int round = 0; round < iterations; round++) {
      for (int i = 0; i < labels.length; i++) {
        List<Integer> same = byLabel.get(labels[i]);
        pairs.add(new Pair(i, same.get(random.nextInt(same.size())), 1f));
        int others = labels.length - same.size();
        if (others > 0) {
          // The r-th example outside the label, in index order.
          int r = random.nextInt(others);
          int j = 0;
          while (labels[j] == labels[i] || r-- > 0) {
            j++;
          }
          pairs.add(new Pair(i, j, 0f));
        }
      }
    }
    return pairs;
  }

  private double step(TrainableEncoder encoder, Optimizer optimizer, List<Pair> batch, long[][] ids) {
    int b = batch.size();
    long[][] sequences = new long[2 * b][];
    float[] targets = new float[b];
    for (int i = 0; i < b; i++) {
      Pair p = batch.get(i);
      sequences[i] = ids[p.first()];
      sequences[b + i] = ids[p.second()];
      targets[i] = p.target();
    }
    double loss;
    try (NDManager scope = Training.engine().newBaseManager(Device.cpu());
        GradientCollector collector = Training.engine().newGradientCollector()) {
      // Unit rows make the dot product the cosine whether or not the model normalizes.
      NDArray embeddings = Tensors.unit(encoder.forward(scope, sequences, true));
      NDArray cosine = embeddings.get("0:" + b).mul(embeddings.get(b + ":")).sum(new int[] {1});
      NDArray lossArray = cosine.sub(scope.create(targets)).square().mean();
      collector.backward(lossArray);
      loss = lossArray.getFloat();
    }
    return Training.update(optimizer, encoder.parameters(), options.training().maxGradNorm()) ? loss : Double.NaN;
  }
}
