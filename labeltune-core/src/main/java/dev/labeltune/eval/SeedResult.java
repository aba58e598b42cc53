package dev.labeltune.eval;

/**
 * One seed's run of the protocol; accuracy and F1 in percent (0-100).
 *
 * @param seed the seed
 * @param accuracy accuracy (subset accuracy for multi-label tasks)
 * @param macroF1 macro-F1
 * @param microF1 micro-F1 for multi-label tasks, NaN for single-label ones
 * @param ece expected calibration error of the top label's probability (15 equal-width bins), NaN
 *     when the method gives no calibrated probabilities
 * @param fitSeconds wall time of fitting
 * @param predictSeconds wall time of predicting the whole test split
 * @param skippedSteps training steps skipped for a non-finite gradient (0 for frozen-encoder methods)
 * @since 0.1
 */
public record SeedResult(long seed, double accuracy, double macroF1, double microF1, double ece, double fitSeconds,
    double predictSeconds, int skippedSteps) {}
