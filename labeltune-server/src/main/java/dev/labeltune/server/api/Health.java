package dev.labeltune.server.api;

/**
 * {@code GET /health}, for load balancers: 200 when ready, 503 while loading or shutting down.
 *
 * @param live whether the process answers
 * @param ready whether it serves the API
 */
public record Health(boolean live, boolean ready) {}
