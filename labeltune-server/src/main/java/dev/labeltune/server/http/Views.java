package dev.labeltune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.server.store.StoreRecords.Example;
import dev.labeltune.server.store.StoreRecords.HeadVersion;
import dev.labeltune.server.store.StoreRecords.Job;
import dev.labeltune.server.store.StoreRecords.Label;
import dev.labeltune.server.store.StoreRecords.Task;
import dev.labeltune.server.store.TaskStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of responses, as records (rendered in snake_case). */
final class Views {
  private Views() {}

  record LabelView(String name, String text) {
    static LabelView of(Label l) {
      return new LabelView(l.name(), l.text());
    }
  }

  record TaskView(String id, String name, List<LabelView> labels, String template, boolean multiLabel,
      Integer activeVersion, String created, String updated, Long examples, String lastTuned) {
    static TaskView of(Task t) {
      return new TaskView(t.id(), t.name(), t.labels().stream().map(LabelView::of).toList(), t.template(),
          t.multiLabel(), t.activeVersion(), t.created().toString(), t.updated().toString(), null, null);
    }

    static TaskView of(Task t, TaskStore store) {
      TaskView v = of(t);
      return new TaskView(v.id, v.name, v.labels, v.template, v.multiLabel, v.activeVersion, v.created, v.updated,
          store.countExamples(t.id()), store.lastTuned(t.id()).map(Object::toString).orElse(null));
    }
  }

  record ExampleView(long id, String text, List<String> labels, String created) {
    static ExampleView of(Example e) {
      return new ExampleView(e.id(), e.text(), e.labels(), e.created().toString());
    }
  }

  record VersionView(int version, String method, String fingerprint, Double cvMacroF1, Double zeroShotMacroF1,
      int examples, String created, boolean active) {
    static VersionView of(HeadVersion v, Integer active) {
      return new VersionView(v.version(), v.method(), v.fingerprint(), nullable(v.cvMacroF1()),
          nullable(v.zeroShotMacroF1()), v.examples(), v.created().toString(), active != null && active == v.version());
    }
  }

  record JobView(String id, String taskId, String state, double progress, String message, Integer version,
      Double cvMacroF1, Double zeroShotMacroF1, String created, String finished, JsonNode report) {
    static JobView of(Job j) {
      JsonNode report;
      try {
        report = j.report() == null ? null : Json.MAPPER.readTree(j.report());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        report = null;
      }
      return new JobView(j.id(), j.taskId(), j.state(), j.progress(), j.message(), j.version(),
          nullable(j.cvMacroF1()), nullable(j.zeroShotMacroF1()), j.created().toString(),
          j.finished() == null ? null : j.finished().toString(), report);
    }
  }

  record PredictionView(String label, List<String> labels, Map<String, Double> probabilities, boolean truncated,
      boolean noKnownTokens) {
    static PredictionView of(Prediction p, boolean multiLabel) {
      Map<String, Double> probabilities = new LinkedHashMap<>();
      for (LabelScore s : p.scores()) {
        probabilities.put(s.label(), s.probability());
      }
      return new PredictionView(p.label(), multiLabel ? p.labels() : null, probabilities, p.truncated(),
          p.noKnownTokens());
    }
  }

  record Page<T>(List<T> items, Object next) {}

  record ErrorBody(ErrorDetail error) {}

  record ErrorDetail(String code, String message) {}

  private static Double nullable(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
