package dev.labeltune.torch.ytuning;

import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.eval.BatchPrediction;
import dev.labeltune.eval.ClassificationMethod;
import dev.labeltune.eval.FewShotTask;
import dev.labeltune.eval.FittedClassifier;
import dev.labeltune.eval.ZeroShotMethod;
import dev.labeltune.math.Vectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code ytune} method of the evaluation protocol: Y-Tuning on the shared encoder's token
 * features, label vectors initialized from the task's label texts (the zero-shot wording).
 *
 * <p>Every seed predicts the same test texts, so their token states are kept across fits, up to
 * 2^28 floats (1 GiB); texts beyond that budget are encoded again each time.
 *
 * @since 0.1
 */
public final class YTuningMethod implements ClassificationMethod {
  private static final long CACHE_FLOATS = 1L << 28;

  private final Encoder encoder;
  private final ZeroShotMethod zeroShot;
  private final YTuner tuner;
  private final Map<String, float[][]> features = new HashMap<>();
  private long cachedFloats;

  /**
   * @param encoder the shared, frozen encoder
   * @param zeroShot gives each label's text
   * @param tuner the settings (the seed is replaced by each run's) and progress listener
   */
  public YTuningMethod(Encoder encoder, ZeroShotMethod zeroShot, YTuner tuner) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.zeroShot = Objects.requireNonNull(zeroShot, "zeroShot");
    this.tuner = Objects.requireNonNull(tuner, "tuner");
  }

  @Override
  public String name() {
    return "ytune";
  }

  /** @throws IllegalArgumentException for multi-label tasks: the hinge loss ranks one gold label first */
  @Override
  public FittedClassifier fit(FewShotTask task, long seed) {
    if (task.multiLabel()) {
      throw new IllegalArgumentException("ytune supports single-label tasks only: its loss ranks one gold label first");
    }
    List<LabeledText> examples = task.examples();
    int[] y = task.labelIndices();
    YTuner seeded = new YTuner(tuner.options().withSeed(seed)).withProgress(tuner.progress());
    YTunedHead head = seeded.fit(encoder, task.labels(), zeroShot.labelSet(task).texts(),
        examples.stream().map(LabeledText::text).toList(), y);
    YTunedClassifier classifier = head.bind(encoder);
    return new FittedClassifier() {
      @Override
      public BatchPrediction predict(List<String> texts) {
        float[][] scores = classifier.scores(features(texts));
        int[][] labels = new int[scores.length][];
        float[] confidence = Double.isNaN(head.temperature()) ? null : new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
          int top = Vectors.argmax(scores[i]);
          labels[i] = new int[] {top};
          if (confidence != null) {
            confidence[i] = (float) Vectors.softmax(scores[i], head.temperature())[top];
          }
        }
        return new BatchPrediction(labels, confidence);
      }

      @Override
      public void close() {
        classifier.close();
      }
    };
  }

  private float[][][] features(List<String> texts) {
    List<String> missing = texts.stream().filter(t -> !features.containsKey(t)).distinct().toList();
    Map<String, float[][]> fresh = new HashMap<>();
    if (!missing.isEmpty()) {
      float[][][] computed = YTunedClassifier.features(encoder, missing);
      for (int i = 0; i < computed.length; i++) {
        fresh.put(missing.get(i), computed[i]);
        long size = (long) computed[i].length * computed[i][0].length;
        if (cachedFloats + size <= CACHE_FLOATS) {
          features.put(missing.get(i), computed[i]);
          cachedFloats += size;
        }
      }
    }
    float[][][] out = new float[texts.size()][][];
    for (int i = 0; i < out.length; i++) {
      float[][] cached = features.get(texts.get(i));
      out[i] = cached != null ? cached : fresh.get(texts.get(i));
    }
    return out;
  }
}
