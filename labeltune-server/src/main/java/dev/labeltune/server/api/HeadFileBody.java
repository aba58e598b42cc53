package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A head file as {@code labeltune tune} writes it and {@code GET /v1/tasks/{id}/head} sends it: the
 * fields named here and the head itself; documented only, the head reader checks it.
 *
 * @param format the file format's name
 * @param version its version
 * @param checksum SHA-256 of the content
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeadFileBody(@JsonProperty(required = true) String format, int version,
    @JsonProperty(required = true) String checksum) {}
