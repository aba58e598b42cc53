package dev.labeltune.cli;

import dev.labeltune.torch.finetune.FineTuneOptions;
import dev.labeltune.torch.finetune.FineTuner;
import dev.labeltune.torch.finetune.LossScale;
import dev.labeltune.torch.setfit.SetFitTuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Fine-tuning's own settings, for 'finetune' and 'eval --method ft'; the shared ones are {@link TrainingFlags}. */
final class FineTuneFlags {
  @Option(names = "--warmup", description = "Fraction of the steps over which the learning rate rises from 0 (default: 0.1).")
  Float warmup;

  @Option(names = "--scale", converter = LossScaleConverter.class, description = "Factor on the cosines in the batch-softmax loss: a number, or 'auto' (default) for 1 with two labels per batch rising with the log of the labels to 20 at 32.")
  LossScale scale;

  @Option(names = "--batch-labels", description = "Labels (one example each) per fine-tuning batch (default: 32).")
  Integer batchLabels;

  @Option(names = "--calibration-folds", description = "Folds of the cross-validation fitting the tuned model's softmax temperature, each a further fine-tuning on the other folds (default: 2); 0 takes the inverse of the loss scale.")
  Integer calibrationFolds;

  /** Reads {@code --scale}; a bad value is a usage error naming the option. */
  static final class LossScaleConverter implements CommandLine.ITypeConverter<LossScale> {
    @Override
    public LossScale convert(String value) {
      try {
        return LossScale.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * @param spec the command, for usage errors
   * @param training the shared settings given
   * @param maxLength maximum tokens per training text
   * @param seed the seed
   * @return the settings
   */
  FineTuneOptions options(CommandLine.Model.CommandSpec spec, TrainingFlags training, int maxLength, long seed) {
    FineTuneOptions.Builder b = training.applyWithStopping(FineTuneOptions.builder(), seed).maxLength(maxLength);
    if (warmup != null) {
      b.warmupFraction(warmup);
    }
    if (scale != null) {
      b.scale(scale);
    }
    if (batchLabels != null) {
      b.maxLabelsPerBatch(batchLabels);
    }
    if (calibrationFolds != null) {
      b.calibrationFolds(calibrationFolds);
    }
    return TrainingFlags.build(spec, "fine-tuning", b::build);
  }

  /**
   * @param options the settings
   * @param progress the bar to drive
   * @return a tuner reporting each step's loss on the bar
   */
  static FineTuner tuner(FineTuneOptions options, Progress progress) {
    return new FineTuner(options).withProgress(steps(progress));
  }

  /**
   * @param tuner SetFit's contrastive stage
   * @param progress the bar to drive
   * @return the tuner reporting each step's loss on the bar
   */
  static SetFitTuner reporting(SetFitTuner tuner, Progress progress) {
    return tuner.withProgress(steps(progress));
  }

  private static FineTuner.Progress steps(Progress progress) {
    return (step, total, epoch, loss) -> {
      progress.maxHint(total);
      progress.stepTo(step);
      progress.message(String.format("epoch %d, loss %.4f", epoch, loss));
    };
  }
}
