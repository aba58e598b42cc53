package dev.labeltune.server.domain;

import java.time.Instant;

/**
 * What is known of one stored head version besides its bytes.
 *
 * @param version the version number, from 1
 * @param fingerprint the encoder fingerprint the head was made for
 * @param method how it was made ({@code zero-shot}, {@code lt}, {@code upload})
 * @param cvMacroF1 cross-validated macro-F1 of the tuned head, NaN when not measured
 * @param zeroShotMacroF1 the same for zero-shot, NaN when not measured
 * @param examples number of training examples
 * @param created when it was stored
 */
public record HeadVersion(int version, String fingerprint, String method, double cvMacroF1,
    double zeroShotMacroF1, int examples, Instant created) {}
