package dev.labeltune.torch;

import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.eval.BatchPrediction;
import dev.labeltune.eval.ClassificationMethod;
import dev.labeltune.eval.FewShotTask;
import dev.labeltune.eval.FittedClassifier;
import dev.labeltune.eval.ZeroShotMethod;
import dev.labeltune.math.Vectors;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ytune} method of the evaluation protocol: Y-Tuning on the shared encoder's token
 * features, label vectors initialized from the task's label texts (the zero-shot wording).
 *
 * @since 0.1
 */
public final class YTuningMethod implements ClassificationMethod {
  private final Encoder encoder;
  private final ZeroShotMethod zeroShot;
  private final YTuner tuner;

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
    YTunedHead head = seeded.fit(encoder, task.labels(), zeroShot.classifier(task).labelTexts(),
        examples.stream().map(LabeledText::text).toList(), y);
    YTunedClassifier classifier = head.bind(encoder);
    return new FittedClassifier() {
      @Override
      public BatchPrediction predict(List<String> texts) {
        float[][] scores = classifier.scores(texts);
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
}
