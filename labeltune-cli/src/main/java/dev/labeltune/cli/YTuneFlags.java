package dev.labeltune.cli;

import dev.labeltune.torch.ytuning.YTuner;
import dev.labeltune.torch.ytuning.YTuningOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Y-Tuning's own settings, for 'ytune' and 'eval --method ytune', prefixed so they never clash with fine-tuning's; the shared ones are {@link TrainingFlags}. */
final class YTuneFlags {
  @Option(names = "--y-layers", description = "Label decoder layers (default: 1).")
  Integer layers;

  @Option(names = "--y-width", description = "Label decoder width; 0 for the encoder's hidden size (default: 0).")
  Integer width;

  @Option(names = "--y-heads", description = "Attention heads of the label decoder (default: 6).")
  Integer heads;

  @Option(names = "--y-vectors", description = "Vectors per label (default: 1).")
  Integer vectors;

  @Option(names = "--y-init", description = "Label vector initialization: ${COMPLETION-CANDIDATES} (default: LABEL_TEXT).")
  YTuningOptions.LabelInit init;

  @Option(names = "--y-pointer",
      description = "Label pointer: ${COMPLETION-CANDIDATES} (default: SIMILARITY).")
  YTuningOptions.Pointer pointer;

  @Option(names = "--y-margin", description = "Hinge loss margin (default: 1.0).")
  Float margin;

  @Option(names = "--y-batch-size", description = "Texts per Y-Tuning step (default: 16).")
  Integer batchSize;

  /**
   * @param spec the command, for usage errors
   * @param training the shared settings given
   * @param seed the seed
   * @return the settings
   */
  YTuningOptions options(CommandLine.Model.CommandSpec spec, TrainingFlags training, long seed) {
    YTuningOptions.Builder b = training.applyWithStopping(YTuningOptions.builder(), seed);
    if (layers != null) {
      b.layers(layers);
    }
    if (width != null) {
      b.width(width);
    }
    if (heads != null) {
      b.heads(heads);
    }
    if (vectors != null) {
      b.vectorsPerLabel(vectors);
    }
    if (init != null) {
      b.init(init);
    }
    if (pointer != null) {
      b.pointer(pointer);
    }
    if (margin != null) {
      b.margin(margin);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    return TrainingFlags.build(spec, "Y-Tuning", b::build);
  }

  /**
   * @param options the settings
   * @param progress the bar to drive
   * @return a tuner reporting each epoch on the bar
   */
  static YTuner tuner(YTuningOptions options, Progress progress) {
    return new YTuner(options).withProgress((epoch, epochs, loss, accuracy) -> {
      progress.maxHint(epochs);
      progress.stepTo(epoch);
      progress.message(Double.isNaN(accuracy) ? String.format("loss %.4f", loss)
          : String.format("loss %.4f, held-out accuracy %.3f", loss, accuracy));
    });
  }
}
