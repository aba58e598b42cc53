/**
 * The HTTP API's JSON: one record per request body (checked in its constructor, so a bad field is
 * named in a 400 or 422 before any service runs) and one per response body, rendered in snake_case.
 * {@link dev.labeltune.server.api.Schemas} writes their OpenAPI schemas from the same records.
 */
package dev.labeltune.server.api;
