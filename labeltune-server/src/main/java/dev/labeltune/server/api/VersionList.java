package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.HeadVersion;
import java.util.List;

/**
 * A task's head versions.
 *
 * @param versions oldest first
 */
public record VersionList(@JsonProperty(required = true) List<VersionResponse> versions) {
  /** @return the list, marking the active version */
  public static VersionList of(List<HeadVersion> versions, Integer active) {
    return new VersionList(versions.stream().map(v -> VersionResponse.of(v, active)).toList());
  }
}
