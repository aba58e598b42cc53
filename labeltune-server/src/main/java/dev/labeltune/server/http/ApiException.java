package dev.labeltune.server.http;

/**
 * A request that cannot be served, with the HTTP status and error code it answers with. Handlers
 * throw it; {@link ErrorMapper} turns it into the one JSON error shape.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * @param status the HTTP status
   * @param code a stable machine-readable code
   * @param message what is wrong, naming the field or line
   */
  public ApiException(int status, String code, String message) {
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

  /** @return a 400 for a malformed field */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** @return a 404 that reads the same whether the thing is missing or another tenant's */
  public static ApiException notFound(String what, String id) {
    return new ApiException(404, "not_found", "No " + what + " '" + id + "'");
  }

  /** @return a 422 for a well-formed request that breaks a rule */
  public static ApiException unprocessable(String message) {
    return new ApiException(422, "unprocessable", message);
  }
}
