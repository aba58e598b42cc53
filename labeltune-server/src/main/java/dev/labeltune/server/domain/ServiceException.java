package dev.labeltune.server.domain;

import dev.labeltune.LabelTuneException;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A request the service refuses or cannot serve now, from wherever it is found: a request record's
 * check, a service's rule, the server's state. It says what kind of refusal it is, not how a
 * protocol shows it: the HTTP layer maps each {@link Kind} to a status.
 */
public final class ServiceException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal; all but {@link #BUSY} and {@link #UNAVAILABLE} are the caller's mistake. */
  public enum Kind {
    /** Malformed JSON, or a field of the wrong type or shape. */
    BAD_REQUEST,
    /** No key, an unknown or revoked one, or one of the wrong kind. */
    UNAUTHORIZED,
    /** Not allowed in this mode of the server. */
    FORBIDDEN,
    /** No such thing for this tenant (another tenant's reads the same), or no such route. */
    NOT_FOUND,
    /** The route exists, not with that method. */
    METHOD_NOT_ALLOWED,
    /** The request conflicts with the state: a head for another encoder, a name taken. */
    CONFLICT,
    /** Too many items, or a body over the limit. */
    TOO_LARGE,
    /** A well-formed request whose values break a rule. */
    UNPROCESSABLE,
    /** Too much work waits; retry later. */
    BUSY,
    /** The model is loading or the server is shutting down; retry later or elsewhere. */
    UNAVAILABLE;

    /** @return the error code a refusal of this kind has unless it names its own */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
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

  /** @return a refusal of that kind, with the kind's code */
  public static ServiceException of(Kind kind, String message) {
    return new ServiceException(kind, kind.code(), message, 0);
  }

  /** @return a refusal of that kind with a code of its own */
  public static ServiceException of(Kind kind, String code, String message) {
    return new ServiceException(kind, code, message, 0);
  }

  /** @return a refusal that reads the same whether the thing is missing or another tenant's */
  public static ServiceException notFound(String what, String id, String hint) {
    return of(Kind.NOT_FOUND, "No " + what + " '" + id + "'" + hint);
  }

  /** @return a refusal because too much work waits */
  public static ServiceException busy(String code, String message, int retryAfterSeconds) {
    return new ServiceException(Kind.BUSY, code, message, retryAfterSeconds);
  }

  /** @return a refusal because the server is loading or stopping */
  public static ServiceException unavailable(String message) {
    return new ServiceException(Kind.UNAVAILABLE, Kind.UNAVAILABLE.code(), message, 5);
  }
}
