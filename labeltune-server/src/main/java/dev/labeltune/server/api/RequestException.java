package dev.labeltune.server.api;

/**
 * A request refused before any service runs: a malformed body or field, a missing key, a body over a
 * limit. It carries the HTTP status and a stable code; the message names the field.
 */
public final class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  private RequestException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the error code */
  public String code() {
    return code;
  }

  /** @return a 400: malformed JSON, or a field of the wrong type or shape */
  public static RequestException badRequest(String message) {
    return new RequestException(400, "bad_request", message);
  }

  /** @return a 401 */
  public static RequestException unauthorized(String message) {
    return new RequestException(401, "unauthorized", message);
  }

  /** @return a 404 for a path that is not a route or names nothing */
  public static RequestException notFound(String message) {
    return new RequestException(404, "not_found", message);
  }

  /** @return a 405 */
  public static RequestException methodNotAllowed(String message) {
    return new RequestException(405, "method_not_allowed", message);
  }

  /** @return a 413: too many items, or a body over the limit */
  public static RequestException tooLarge(String message) {
    return new RequestException(413, "too_large", message);
  }

  /** @return a 422: a well-formed field whose value breaks a rule */
  public static RequestException unprocessable(String message) {
    return new RequestException(422, "unprocessable", message);
  }
}
