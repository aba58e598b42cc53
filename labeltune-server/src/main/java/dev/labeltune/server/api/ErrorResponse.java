package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every failure's body.
 *
 * @param error what went wrong
 */
public record ErrorResponse(@JsonProperty(required = true) ErrorDetail error) {
  /**
   * @param code a stable machine-readable code
   * @param message what is wrong, naming the field; for server faults only where to look
   * @param id for server faults, the id the server's log holds the details under
   */
  public record ErrorDetail(@JsonProperty(required = true) String code, @JsonProperty(required = true) String message,
      String id) {}

  /** @return the body */
  public static ErrorResponse of(String code, String message, String id) {
    return new ErrorResponse(new ErrorDetail(code, message, id));
  }
}
