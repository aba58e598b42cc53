package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A queued tuning job.
 *
 * @param job its id, for {@code GET /v1/jobs/{id}}
 */
public record JobStarted(@JsonProperty(required = true) String job) {}
