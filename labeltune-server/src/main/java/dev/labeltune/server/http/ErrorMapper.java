package dev.labeltune.server.http;

import dev.labeltune.InferenceException;
import dev.labeltune.server.api.ErrorResponse;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the one error body, with a status that says whose fault it is: the
 * client's mistakes are 4xx naming the field, overload is 429 and loading or draining 503 (both with
 * {@code Retry-After}); the server's own faults (storage, inference, anything unexpected) are 500
 * with an opaque error id, their details only in the server's log.
 */
final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final long maxBodyBytes;

  ErrorMapper(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  void handle(Exception e, Context ctx) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ServiceException s) {
      s.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", Integer.toString(seconds)));
      render(ctx, status(s.kind()), s.code(), s.getMessage(), null);
    } else if (t instanceof HttpResponseException h && h.getStatus() == 413) {
      render(ctx, 413, "too_large", "The request body is over the limit of " + maxBodyBytes + " bytes", null);
    } else if (t instanceof HttpResponseException h && h.getStatus() < 500) {
      render(ctx, h.getStatus(), "http_error", h.getMessage(), null);
    } else if (t instanceof StoreUnavailableException) {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), t.getMessage());
      ctx.header("Retry-After", "2");
      render(ctx, 503, "store_unavailable", "The task store cannot be reached now; retry shortly", null);
    } else if (t instanceof StoreException) {
      fault(ctx, t, "storage_error", "The task store failed");
    } else if (t instanceof InferenceException) {
      fault(ctx, t, "inference_error", "The encoder failed");
    } else {
      fault(ctx, t, "internal", "Internal error");
    }
  }

  private static int status(ServiceException.Kind kind) {
    return switch (kind) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNPROCESSABLE -> 422;
      case BUSY -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  private static void fault(Context ctx, Throwable t, String code, String what) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    String id = "e_" + HexFormat.of().formatHex(bytes);
    LOG.error("Error {}: {} {} failed", id, ctx.method(), ctx.path(), t);
    render(ctx, 500, code, what + "; the server's log has the details under error id " + id, id);
  }

  static void render(Context ctx, int status, String code, String message, String id) {
    ctx.status(status).json(ErrorResponse.of(code, message, id));
  }
}
