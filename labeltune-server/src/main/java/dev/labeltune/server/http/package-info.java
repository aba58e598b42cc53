/**
 * The HTTP layer: routes that parse and authorize a request, call the service and render the
 * result, and the one mapper that turns every failure into {@code {"error": {"code", "message"}}}.
 */
package dev.labeltune.server.http;
