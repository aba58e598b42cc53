package dev.labeltune.server.http;

import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import io.javalin.http.Context;

/** One request as handlers see it: its tenant, parameters and body, read and checked. */
final class Call {
  static final String TENANT = "labeltune.tenant";
  private final Context ctx;

  Call(Context ctx) {
    this.ctx = ctx;
  }

  /** @return the tenant the request's key belongs to */
  long tenant() {
    Long t = ctx.attribute(TENANT);
    if (t == null) {
      throw ServiceException.of(Kind.UNAUTHORIZED, "No tenant for this request");
    }
    return t;
  }

  /** @return a path parameter */
  String path(String name) {
    return ctx.pathParam(name);
  }

  /** @return a numeric path parameter; anything else names nothing, so it is a 404 */
  long pathLong(String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ServiceException.of(Kind.NOT_FOUND, "No " + name.replaceAll("([A-Z])", " $1").toLowerCase() + " '"
          + ctx.pathParam(name) + "': it must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }
  }

  /** @return a path parameter that is a whole number in [min, max]; anything else names nothing, so it is a 404 */
  int pathInt(String name, int min, int max) {
    long n = pathLong(name);
    if (n < min || n > max) {
      throw ServiceException.of(Kind.NOT_FOUND, "No " + name.replaceAll("([A-Z])", " $1").toLowerCase() + " '"
          + ctx.pathParam(name) + "': it must be a whole number from " + min + " to " + max);
    }
    return (int) n;
  }

  /** @return a whole-number query parameter, {@code fallback} if absent */
  int query(String name, int min, int max, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below, as for a number out of range.
    }
    throw ServiceException.of(Kind.BAD_REQUEST, "Query parameter '" + name + "' must be a whole number between " + min
        + " and " + max);
  }

  /** @return a query parameter as given, or null */
  String queryText(String name) {
    return ctx.queryParam(name);
  }

  /** @return the body read as the request record, every field checked */
  <T> T body(Class<T> type) {
    return Bodies.read(ctx.bodyAsBytes(), type);
  }

  /** @return the raw body */
  byte[] bytes() {
    return ctx.bodyAsBytes();
  }
}
