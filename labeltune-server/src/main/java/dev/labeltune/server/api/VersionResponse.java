package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.HeadVersion;
import java.time.Instant;

/**
 * One head version of a task.
 *
 * @param version its number
 * @param method how it was made: {@code zero-shot}, {@code lt}, or the method of an uploaded head
 * @param fingerprint the encoder it was made for
 * @param cvMacroF1 cross-validated macro-F1, if tuned
 * @param zeroShotMacroF1 zero-shot macro-F1 on the same folds, if tuned
 * @param examples training examples
 * @param created when it was stored
 * @param active whether it serves the task now
 */
public record VersionResponse(int version, @JsonProperty(required = true) String method,
    @JsonProperty(required = true) String fingerprint, Double cvMacroF1, Double zeroShotMacroF1, int examples,
    @JsonProperty(required = true) Instant created, boolean active) {
  static VersionResponse of(HeadVersion v, Integer active) {
    return new VersionResponse(v.version(), v.method(), v.fingerprint(), Numbers.orNull(v.cvMacroF1()),
        Numbers.orNull(v.zeroShotMacroF1()), v.examples(), v.created(), active != null && active == v.version());
  }
}
