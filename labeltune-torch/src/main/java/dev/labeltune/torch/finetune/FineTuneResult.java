package dev.labeltune.torch.finetune;

import java.util.List;

/**
 * What a fine-tuning run did.
 *
 * @param epochLosses mean training loss of each epoch run
 * @param validationAccuracy held-out accuracy after each epoch, empty without early stopping
 * @param bestEpoch the epoch (1-based) whose weights were kept
 * @param steps optimizer steps taken
 * @param skippedSteps steps skipped because their gradient was not finite (their weights unchanged)
 * @param temperature the softmax temperature over cosines at which the tuned model's label
 *     probabilities are calibrated: the inverse of the loss scale of a batch of all the task's labels
 *     (or of as many as one batch holds), the sharpness the loss trained them to; {@link FineTuner#tune} replaces it by the one
 *     its cross-validation fits
 * @param seconds wall-clock training time
 * @since 0.1
 */
public record FineTuneResult(List<Double> epochLosses, List<Double> validationAccuracy, int bestEpoch, int steps,
    int skippedSteps, double temperature, double seconds) {

  /** Copies the lists. */
  public FineTuneResult {
    epochLosses = List.copyOf(epochLosses);
    validationAccuracy = List.copyOf(validationAccuracy);
  }

  /** @param t the temperature a calibration fitted @return a copy scoring at it */
  public FineTuneResult withTemperature(double t) {
    return new FineTuneResult(epochLosses, validationAccuracy, bestEpoch, steps, skippedSteps, t, seconds);
  }

  /** @return the mean wall-clock seconds per epoch */
  public double secondsPerEpoch() {
    return epochLosses.isEmpty() ? 0 : seconds / epochLosses.size();
  }
}
