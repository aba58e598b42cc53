package dev.labeltune.server.service;

import dev.labeltune.LabelTuneException;
import java.util.OptionalInt;

/**
 * A request the service refuses or cannot serve now. It says what kind of refusal it is, not how a
 * protocol shows it: the HTTP layer maps each {@link Kind} to a status.
 */
public final class ServiceException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal; all but {@link #UNAVAILABLE} and {@link #BUSY} are the caller's mistake. */
  public enum Kind {
    /** No such thing for this tenant (another tenant's reads the same). */
    NOT_FOUND,
    /** A well-formed request that breaks a rule. */
    INVALID,
    /** The request conflicts with the state: a head for another encoder, a name taken. */
    CONFLICT,
    /** Not allowed in this mode of the server. */
    FORBIDDEN,
    /** Too much work waits; retry later. */
    BUSY,
    /** The model is loading or the server is shutting down; retry later or elsewhere. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final int retryAfterSeconds;

  private ServiceException(Kind kind, String code, String message, int retryAfterSeconds) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** @return what kind of refusal this is */
  public Kind kind() {
    return kind;
  }

  /** @return a stable machine-readable code */
  public String code() {
    return code;
  }

  /** @return how long to wait before retrying, where waiting helps */
  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds > 0 ? OptionalInt.of(retryAfterSeconds) : OptionalInt.empty();
  }

  /** @return a refusal that reads the same whether the thing is missing or another tenant's */
  public static ServiceException notFound(String what, String id, String hint) {
    return new ServiceException(Kind.NOT_FOUND, "not_found", "No " + what + " '" + id + "'" + hint, 0);
  }

  /** @return a refusal of a well-formed request that breaks a rule */
  public static ServiceException invalid(String message) {
    return new ServiceException(Kind.INVALID, "unprocessable", message, 0);
  }

  /** @return a refusal because of the state of things */
  public static ServiceException conflict(String code, String message) {
    return new ServiceException(Kind.CONFLICT, code, message, 0);
  }

  /** @return a refusal because this server's mode does not allow it */
  public static ServiceException forbidden(String code, String message) {
    return new ServiceException(Kind.FORBIDDEN, code, message, 0);
  }

  /** @return a refusal because too much work waits */
  public static ServiceException busy(String code, String message, int retryAfterSeconds) {
    return new ServiceException(Kind.BUSY, code, message, retryAfterSeconds);
  }

  /** @return a refusal because the server is loading or stopping */
  public static ServiceException unavailable(String message) {
    return new ServiceException(Kind.UNAVAILABLE, "unavailable", message, 5);
  }
}
