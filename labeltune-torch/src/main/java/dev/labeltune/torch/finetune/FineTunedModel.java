package dev.labeltune.torch.finetune;

import dev.labeltune.encoder.ModelFiles;
import java.util.Objects;

/**
 * A fine-tuned model ready to save or open.
 *
 * @param files the tuned graph and its config, carrying the calibrated temperature
 * @param training how the final tuning went; its temperature is the model's
 * @param calibrationFolds the folds the temperature was fitted on, 0 when it is the loss scale's
 * @since 0.1
 */
public record FineTunedModel(ModelFiles files, FineTuneResult training, int calibrationFolds) {
  /** Checks the parts are given. */
  public FineTunedModel {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(training, "training");
  }
}
