package dev.labeltune.server.service;

import dev.labeltune.LabelTuneException;

/**
 * A request the service's rules refuse. It says what kind of refusal it is, not how a protocol
 * shows it: the HTTP layer maps each {@link Kind} to a status.
 */
public final class ServiceException extends LabelTuneException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal. */
  public enum Kind {
    /** No such thing for this tenant (another tenant's reads the same). */
    NOT_FOUND,
    /** A well-formed request that breaks a rule. */
    INVALID,
    /** The request conflicts with the state: a head for another encoder, a task without a usable head. */
    CONFLICT,
    /** Too much work waits; retry later. */
    BUSY
  }

  private final Kind kind;
  private final String code;

  private ServiceException(Kind kind, String code, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  /** @return what kind of refusal this is */
  public Kind kind() {
    return kind;
  }

  /** @return a stable machine-readable code */
  public String code() {
    return code;
  }

  static ServiceException notFound(String what, String id) {
    return new ServiceException(Kind.NOT_FOUND, "not_found", "No " + what + " '" + id + "'");
  }

  static ServiceException invalid(String message) {
    return new ServiceException(Kind.INVALID, "unprocessable", message);
  }

  static ServiceException conflict(String code, String message) {
    return new ServiceException(Kind.CONFLICT, code, message);
  }

  static ServiceException busy(String code, String message) {
    return new ServiceException(Kind.BUSY, code, message);
  }
}
