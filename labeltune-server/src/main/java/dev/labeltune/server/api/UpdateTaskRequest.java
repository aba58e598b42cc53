package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * {@code PATCH /v1/tasks/{id}}: fields left out are kept.
 *
 * @param name a new name, or null to keep it
 * @param template a new template; {@code null} or {@code ""} given explicitly returns to the default
 *     template, and left out keeps the current one
 */
public record UpdateTaskRequest(String name, @JsonSetter(nulls = Nulls.AS_EMPTY) String template) {
  /** Checks. */
  public UpdateTaskRequest {
    if (name != null) {
      Check.name(name, "name");
    }
    Check.length(template, "template", Check.MAX_TEMPLATE);
  }

  /** @return whether the request changes the template */
  public boolean changesTemplate() {
    return template != null;
  }

  /** @return the new template, null for the default */
  public String newTemplate() {
    return template == null || template.isEmpty() ? null : template;
  }
}
