package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.util.List;

/**
 * {@code POST /v1/tasks}.
 *
 * @param name the task's display name
 * @param labels its labels, in order
 * @param template the hypothesis template with one {@code {}}, or null for the default
 * @param multiLabel whether each label is decided on its own (default false)
 */
public record CreateTaskRequest(@JsonProperty(required = true) String name,
    @JsonProperty(required = true) List<LabelInput> labels, String template, Boolean multiLabel) {
  /** Checks. */
  public CreateTaskRequest {
    Check.name(name, "name");
    Check.length(template, "template", Check.MAX_TEMPLATE);
    Check.present(labels, "labels");
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i) == null) {
        throw ServiceException.of(Kind.BAD_REQUEST, "'labels'[" + i + "] must be a name or a {\"name\", \"text\"} object");
      }
    }
    labels = List.copyOf(labels);
    multiLabel = Boolean.TRUE.equals(multiLabel);
  }

  /** @return the labels as the service takes them */
  public List<Label> toLabels() {
    return labels.stream().map(LabelInput::toLabel).toList();
  }
}
