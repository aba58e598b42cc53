package dev.labeltune.server.http;

import java.util.Arrays;
import java.util.List;

/**
 * A documented route: the same list registers the handlers and writes {@code /openapi.json}.
 *
 * @param method the HTTP method
 * @param path the path template
 * @param summary what it does
 * @param request the request body's record, or null for none
 * @param response the success body's record, or null for none
 * @param statuses the statuses it answers with; the first is its success status
 * @param handler the handler
 */
record Route(String method, String path, String summary, Class<?> request, Class<?> response, List<Integer> statuses,
    Handler handler) {

  /** Handles one call: returns the success body (a record, {@link RawBody}, or null for none). */
  @FunctionalInterface
  interface Handler {
    Object handle(Call call) throws Exception;
  }

  /**
   * A body sent as it is.
   *
   * @param bytes the bytes
   * @param contentType their type
   * @param fileName the name to save them under, or null
   */
  record RawBody(byte[] bytes, String contentType, String fileName) {}

  /** Who may call a route. */
  enum Access {
    /** Anyone. */
    PUBLIC,
    /** A tenant's key (or anyone under {@code --no-auth}). */
    TENANT,
    /** The admin key. */
    ADMIN
  }

  /** @return who may call it, from its path */
  Access access() {
    return path.startsWith("/v1/admin/") ? Access.ADMIN : path.startsWith("/v1/") ? Access.TENANT : Access.PUBLIC;
  }

  /** @return the status of a successful call */
  int success() {
    return statuses.get(0);
  }

  /** Collects the routes of each resource. */
  static final class Table {
    private final List<Route> routes = new java.util.ArrayList<>();

    /**
     * Adds a route.
     *
     * @param statuses space-separated statuses, success first
     */
    void add(String method, String path, String summary, Class<?> request, Class<?> response, String statuses,
        Handler handler) {
      routes.add(new Route(method, path, summary, request, response,
          Arrays.stream(statuses.split(" ")).map(Integer::valueOf).toList(), handler));
    }

    List<Route> routes() {
      return List.copyOf(routes);
    }
  }
}
